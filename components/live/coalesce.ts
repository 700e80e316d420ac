/**
 * Calls `run` with the keys asked for: a frame later when nothing ran in the last `everyMs` (so
 * the events of one delivery go together), otherwise once at the end of that moment with every
 * key asked for meanwhile (each once).
 */
export function coalesce(everyMs: number, run: (keys: ReadonlyArray<readonly unknown[]>) => void, firstAfterMs = 16) {
  const pending = new Map<string, readonly unknown[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    const keys = [...pending.values()];
    pending.clear();
    if (keys.length === 0) {
      timer = undefined;
      return;
    }
    run(keys);
    timer = setTimeout(flush, everyMs);
  };
  const request = (key: readonly unknown[]) => {
    pending.set(JSON.stringify(key), key);
    timer ??= setTimeout(flush, firstAfterMs);
  };
  request.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending.clear();
  };
  return request;
}
