;; In your init file. Emacs 29 and later have eglot built in; on Emacs 28,
;; M-x package-install RET eglot first. markdown-mode and html-mode derive
;; from text-mode, so the one hook covers all three.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((text-mode markdown-mode html-mode) . ("scrapelint-language-server" "--stdio"))))
(add-hook 'text-mode-hook #'eglot-ensure)
