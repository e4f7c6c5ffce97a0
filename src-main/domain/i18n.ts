/**
 * The one way the main side says things to people (the renderer uses i18next JSON instead).
 *
 * - A catalogue is data only: a JSON file `{ key: { id, en } }` beside its module, Bahasa
 *   Indonesia first, declared with `defineMessages('path/name', importedJson)` so its keys stay
 *   typed (the JSON import's type) and the catalogue test can find it.
 * - `format` is the only formatter: it picks the language and fills `{name}` placeholders.
 *   A missing value shows as empty rather than as `{name}` on an operator's screen.
 * - `translator(catalogue)` gives a module its `(locale, key, vars)` shorthand without a copy
 *   of the formatter.
 *
 * Drivers never import src-main/, so their catalogues (`drivers/<device>/messages.json`, exported
 * as `*_MESSAGES` by `messages.ts`) are plain data of the same `{ id, en }` shape; services format
 * them with `format` like any other.
 */

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];

/** One sentence in both languages. */
export type Message = Readonly<Record<Locale, string>>;
export type MessageVars = Readonly<Record<string, string | number | undefined>>;
export type Catalogue = Readonly<Record<string, Message>>;

const catalogues = new Map<string, Catalogue>();

/**
 * Declares a catalogue. `name` (the module's path, e.g. `services/devices/devices`) lets the catalogue
 * test check every catalogue has both languages with the same placeholders.
 */
export function defineMessages<const C extends Catalogue>(name: string, catalogue: C): C {
  catalogues.set(name, catalogue);
  return catalogue;
}

/** Every catalogue declared so far (the modules that declare them must have been imported). */
export function declaredCatalogues(): ReadonlyMap<string, Catalogue> {
  return catalogues;
}

export function format(message: Message, locale: Locale, vars: MessageVars = {}): string {
  return message[locale].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** `(locale, key, vars)` over one catalogue. */
export function translator<C extends Catalogue>(
  catalogue: C,
): (locale: Locale, key: keyof C & string, vars?: MessageVars) => string {
  return (locale, key, vars) => format(catalogue[key] as Message, locale, vars);
}

/** The `{name}` placeholders of a text, sorted and without repeats. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}
