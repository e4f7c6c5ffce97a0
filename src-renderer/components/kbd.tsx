/** The keyboard shortcut shown on a button, so operators learn them without a manual. */
export function Kbd({ keys }: { keys: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {keys}
    </kbd>
  );
}
