import * as React from 'react';

/** Whether `query` matches the viewport now, following changes; false where the host has no `matchMedia` (jsdom). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = React.useState(() => read(query));
  React.useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return undefined;
    const list = window.matchMedia(query);
    const update = (): void => {
      setMatches(list.matches);
    };
    update();
    list.addEventListener('change', update);
    return () => {
      list.removeEventListener('change', update);
    };
  }, [query]);
  return matches;
}

function read(query: string): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
}
