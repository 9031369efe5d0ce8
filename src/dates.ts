import {loadData} from './data.js'

interface DateData {
  dates: {months: string[]; weekdays: string[]; labels: string[]}
}

const {dates} = loadData('boilerplate-structure.yml') as DateData
const dateWords = new Set([...dates.months, ...dates.weekdays, ...dates.labels])
const months = new Set(dates.months)
const datelineWord = /[\p{L}]+(?:\.[\p{L}]+)*|\d+/gu
const isDigits = /^\d+$/

// A numeric date, day-month-year or year-month-day ("04/21/2022", "2014-02-06"), not a phone number ("158-23-2012").
const numericDate = /(?<![\d+])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})(?![\d/.-]*\d)/u

/**
 * Whether a line is a date and nothing else: numbers, month and weekday
 * names, times and labels such as "Updated" ("Monday 08 September 2014",
 * "Updated 2:34 PM ET, Tue March 3, 2020"). Scrapers keep such datelines at
 * the top of a text, where they are neither prose nor a headline.
 */
export function isDateline(text: string): boolean {
  let hasMonth = false
  // Word by word, stopping at the first that is no date word: a line of prose stops at once.
  for (const [word] of text.toLowerCase().matchAll(datelineWord)) {
    if (isDigits.test(word)) continue
    if (!dateWords.has(word)) return false
    hasMonth ||= months.has(word)
  }
  return hasMonth || numericDate.test(text)
}
