// Settings → Hub connection: the hub's address, this agent's token (write-only: it shows whether
// one is set and can be replaced, never read back), the link's state, and Save & reconnect. In
// demo mode the built-in demo hub is in use until a restart; the team's hub can be saved here and
// is linked to from the next start.
import { useId, useState, type FormEvent } from 'react';
import type { SettingsPatch, SettingsView } from '../../../shared/settings';
import { saveSettings } from '../../services/baton-client';
import { useSessionStore } from '../../stores/session-store';
import { selectConnection } from '../../stores/session-selectors';
import { FieldError, SavedMark, useFieldError } from './field-error';

const STATUS_WORDS = { idle: 'Not connected', connecting: 'Connecting…', open: 'Connected', backoff: 'Reconnecting…', closed: 'Disconnected' };

export function HubSection({ view }: { view: SettingsView }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        Hub connection <SavedMark section="hub" />
      </h3>
      <ConnectionStatus />
      {view.hub.mode === 'demo' ? (
        <>
          <DemoHub view={view} />
          <HubForm key={`next-${view.hub.nextStartUrl ?? ''}`} view={view} nextStart />
        </>
      ) : (
        <HubForm key={view.hub.url ?? ''} view={view} nextStart={false} />
      )}
    </section>
  );
}

function ConnectionStatus() {
  const connection = useSessionStore(selectConnection);
  const status = connection?.status ?? 'connecting';
  return (
    <p className="settings-hint">
      Status: <strong>{STATUS_WORDS[status]}</strong>
      {connection?.error && status !== 'open' ? ` — ${connection.error}` : null}
    </p>
  );
}

function DemoHub({ view }: { view: SettingsView }) {
  const id = useId();
  return (
    <div className="settings-field">
      <label htmlFor={id}>Hub address</label>
      <input id={id} type="url" value={view.hub.url ?? 'built-in demo hub'} readOnly aria-describedby={`${id}-why`} />
      <p id={`${id}-why`} className="settings-hint">
        {view.hub.readOnlyReason}
      </p>
    </div>
  );
}

function HubForm({ view, nextStart }: { view: SettingsView; nextStart: boolean }) {
  const id = useId();
  const savedUrl = nextStart ? (view.hub.nextStartUrl ?? null) : view.hub.url;
  const [url, setUrl] = useState(savedUrl ?? '');
  const [token, setToken] = useState('');
  const urlError = useFieldError('hub.url');
  const tokenFieldError = useFieldError('hub.token');
  const hubError = useFieldError('hub');
  const tokenError = tokenFieldError ?? hubError;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const hub: NonNullable<SettingsPatch['hub']> = {};
    if (url.trim() !== (savedUrl ?? '')) hub.url = url.trim();
    if (token.trim() !== '') hub.token = token.trim();
    // Nothing changed: reconnecting with the same address and token still helps after a refusal.
    if (!hub.url && !hub.token) hub.url = url.trim();
    void saveSettings('hub', { hub }).then((saved) => {
      if (saved) setToken('');
    });
  };
  return (
    <form className="settings-form" onSubmit={submit} aria-label={nextStart ? 'Your team\u2019s hub' : 'Hub connection'}>
      {nextStart ? (
        <p className="settings-hint">
          {view.hub.nextStartUrl
            ? `Saved: Baton links to ${view.hub.nextStartUrl} the next time it starts.`
            : 'Your team\u2019s hub: save its address and your agent token, then restart Baton to leave the demo.'}
        </p>
      ) : null}
      <div className="settings-field">
        <label htmlFor={`${id}-url`}>{nextStart ? 'Team hub address' : 'Hub address'}</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          placeholder="https://hub.example.com"
          required
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-url-error` : undefined}
          onChange={(e) => setUrl(e.target.value)}
        />
        <FieldError id={`${id}-url-error`} message={urlError} />
      </div>
      <div className="settings-field">
        <label htmlFor={`${id}-token`}>Agent token</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          value={token}
          placeholder={view.hub.tokenSet ? 'Set — type a new one to replace it' : 'Not set'}
          aria-invalid={tokenError ? true : undefined}
          aria-describedby={`${id}-token-state${tokenError ? ` ${id}-token-error` : ''}`}
          onChange={(e) => setToken(e.target.value)}
        />
        <p id={`${id}-token-state`} className="settings-hint">
          {view.hub.tokenSet ? 'A token is set. It is never shown; type a new one to replace it.' : 'No token is set.'}
        </p>
        <FieldError id={`${id}-token-error`} message={tokenError} />
      </div>
      <button type="submit" className="button button-primary">
        {nextStart ? 'Save for next start' : 'Save & reconnect'}
      </button>
    </form>
  );
}
