import {createRequire} from 'node:module'
import {lazily} from '../data.js'

/*
 * What a city name implies: a story set in `London` is set in the United
 * Kingdom, so a new version that says `U.K.` adds no place. The gazetteer is
 * the `city-timezones` package (Simplemaps' world cities); a city name that
 * several places share is read as the most populous of them.
 */

interface City {
  city: string
  city_ascii: string
  country: string
  iso2: string
  iso3: string
  province: string
  pop: number
}

/** The largest city of each name, lower case. */
export const citiesByName = lazily((): Map<string, City> => {
  const {cityMapping} = createRequire(import.meta.url)('city-timezones') as {cityMapping: City[]}
  const largest = new Map<string, City>()
  for (const city of cityMapping) {
    for (const name of new Set([city.city.toLowerCase(), city.city_ascii.toLowerCase()])) {
      const known = largest.get(name)
      if (!known || known.pop < city.pop) largest.set(name, city)
    }
  }
  return largest
})

/** Name forms of a place: lower case, no dots, each word and the initials of a multi-word name (`united kingdom` → `uk`). */
function formsOfPlace(name: string): string[] {
  const words = name.toLowerCase().replace(/\./g, '').split(/[\s-]+/).filter((word) => word !== '')
  return words.length > 1 ? [...words, words.map((word) => word[0]).join('')] : words
}

/**
 * The name forms a city name implies (its country and province, their
 * initials and ISO codes), or none when it names no city in the gazetteer.
 */
export function placesImpliedBy(name: string): string[] {
  const city = citiesByName().get(name.toLowerCase())
  if (!city) return []
  return [...formsOfPlace(city.country), ...formsOfPlace(city.province), city.iso2.toLowerCase(), city.iso3.toLowerCase()]
}
