/** Options whose text contains the query, case-insensitively (type-to-filter lists). */
export function filterOptions<T>(
  items: readonly T[],
  query: string,
  text: (item: T) => string,
): T[] {
  const q = query.trim().toUpperCase();
  if (q === '') return [...items];
  return items.filter((i) => text(i).toUpperCase().includes(q));
}
