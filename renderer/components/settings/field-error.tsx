// An error shown next to the settings field it names, tied to its input with aria-describedby.
import { useSettingsStore, type SettingsSection } from '../../stores/settings-store';

export function useFieldError(path: string): string | null {
  return useSettingsStore((s) => s.fieldErrors[path] ?? null);
}

export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

/** "Saved" beside a section's heading after its last change was stored (announced separately). */
export function SavedMark({ section }: { section: SettingsSection }) {
  const saved = useSettingsStore((s) => s.saved?.section === section);
  const saving = useSettingsStore((s) => s.saving === section);
  if (saving) return <span className="settings-saved">Saving…</span>;
  return saved ? <span className="settings-saved">Saved</span> : null;
}
