import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'

/*
 * A small Language Server Protocol client over stdio, written from the
 * protocol's framing (`Content-Length` headers, JSON-RPC 2.0 bodies) rather
 * than with vscode-jsonrpc, so the server is checked against an independent
 * reading of the protocol, as an editor would talk to it. Used by the server
 * tests and `npm run bench:server`.
 */

export interface Notification {
  method: string
  params: unknown
  /** `performance.now()` when it arrived. */
  at: number
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

interface Waiter {
  test: (notification: Notification) => boolean
  resolve: (notification: Notification) => void
}

export class LspClient {
  readonly child: ChildProcessWithoutNullStreams
  readonly notifications: Notification[] = []
  stderr = ''
  private buffer = Buffer.alloc(0)
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private waiters: Waiter[] = []
  private readonly exited: Promise<number | null>

  constructor(command: string, args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}) {
    this.child = spawn(command, args, {cwd: options.cwd, env: options.env ?? process.env})
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk))
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk))
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)))
    this.exited.then(() => {
      for (const request of this.pending.values()) request.reject(new Error(`server exited; stderr: ${this.stderr}`))
      this.pending.clear()
    })
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++
    const answer = new Promise<T>((resolve, reject) => this.pending.set(id, {resolve: resolve as (value: unknown) => void, reject}))
    this.send({jsonrpc: '2.0', id, method, params})
    return answer
  }

  notify(method: string, params?: unknown): void {
    this.send({jsonrpc: '2.0', method, ...(params === undefined ? {} : {params})})
  }

  /** The first notification, from now or already received after index `since`, that passes `test`. */
  waitFor(test: (notification: Notification) => boolean, options: {since?: number; timeout?: number} = {}): Promise<Notification> {
    const found = this.notifications.slice(options.since ?? 0).find(test)
    if (found) return Promise.resolve(found)
    const timeout = options.timeout ?? 45_000
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        resolve: (notification) => {
          clearTimeout(timer)
          resolve(notification)
        }
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter)
        reject(new Error(`no matching notification within ${timeout} ms; stderr: ${this.stderr}`))
      }, timeout)
      this.waiters.push(waiter)
    })
  }

  /** Diagnostics published for `uri` at `version` (any version when omitted), received after index `since`. */
  diagnostics(uri: string, options: {version?: number; since?: number; timeout?: number} = {}): Promise<PublishedDiagnostics> {
    return this.waitFor(
      (n) =>
        n.method === 'textDocument/publishDiagnostics' &&
        (n.params as PublishedDiagnostics).uri === uri &&
        (options.version === undefined || (n.params as PublishedDiagnostics).version === options.version),
      options
    ).then((n) => n.params as PublishedDiagnostics)
  }

  /** `shutdown` then `exit`, as an editor closes a server; resolves to the exit code. */
  async close(): Promise<number | null> {
    await this.request('shutdown', null)
    this.notify('exit')
    return this.exited
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill()
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8')
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`)
    this.child.stdin.write(body)
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk])
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n')
      if (headerEnd === -1) return
      const header = this.buffer.subarray(0, headerEnd).toString('ascii')
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1])
      if (!Number.isInteger(length)) throw new Error(`bad header from the server: ${header}`)
      if (this.buffer.length < headerEnd + 4 + length) return
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')
      this.buffer = this.buffer.subarray(headerEnd + 4 + length)
      this.dispatch(JSON.parse(body) as Message)
    }
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && message.method !== undefined) {
      // A request from the server (registerCapability…): answered as a plain editor would, and recorded like a notification.
      this.send({jsonrpc: '2.0', id: message.id, result: null})
      this.record({method: message.method, params: message.params, at: performance.now()})
      return
    }
    if (message.id !== undefined) {
      const request = this.pending.get(Number(message.id))
      this.pending.delete(Number(message.id))
      if (message.error) request?.reject(new Error(message.error.message))
      else request?.resolve(message.result)
      return
    }
    if (message.method !== undefined) this.record({method: message.method, params: message.params, at: performance.now()})
  }

  private record(notification: Notification): void {
    this.notifications.push(notification)
    const matched = this.waiters.filter((waiter) => waiter.test(notification))
    this.waiters = this.waiters.filter((waiter) => !matched.includes(waiter))
    for (const waiter of matched) waiter.resolve(notification)
  }
}

interface Message {
  id?: number | string
  method?: string
  params?: unknown
  result?: unknown
  error?: {message: string}
}

export interface LspPosition {
  line: number
  character: number
}

export interface LspRange {
  start: LspPosition
  end: LspPosition
}

export interface LspDiagnostic {
  range: LspRange
  severity?: number
  code?: string | number
  codeDescription?: {href: string}
  source?: string
  message: string
  relatedInformation?: Array<{location: {uri: string; range: LspRange}; message: string}>
}

export interface PublishedDiagnostics {
  uri: string
  version?: number
  diagnostics: LspDiagnostic[]
}
