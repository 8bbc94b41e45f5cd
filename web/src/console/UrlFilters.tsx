/** A list's filters kept in the page's address, so that a filtered list can be shared and survives a reload. */
import { useSearchParams } from 'react-router';

export function useUrlFilters() {
  const [search, setSearch] = useSearchParams();
  /** Sets one filter (an empty value removes it). */
  const choose = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  /** A labelled select for one filter; with `anyLabel` it may be left unset, else its first option is the default. */
  const select = (name: string, label: string, options: [string, string][], anyLabel?: string) => (
    <label className="field">
      <span>{label}</span>
      <select value={search.get(name) ?? (anyLabel ? '' : (options[0]?.[0] ?? ''))} onChange={(event) => choose(name, event.target.value)}>
        {anyLabel && <option value="">{anyLabel}</option>}
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  return { search, choose, select };
}
