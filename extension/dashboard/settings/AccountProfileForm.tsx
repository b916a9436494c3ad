import { useEffect, useState, type FormEvent } from 'react';
import type { Profile } from '../../background/api';
import { ask } from '../../ui/background-client';
import { AccountField } from './AccountField';
import { AccountMessages } from './AccountMessages';

/** Name and avatar address, loaded from the server ("me") and saved there. */
export function AccountProfileForm() {
  const [profile, setProfile] = useState<Profile>();
  const [name, setName] = useState('');
  const [avatarUrl, setAvatarUrl] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void ask<{ user: Profile }>({ type: 'account:profile' }).then((reply) => {
      if (!live) return;
      if (!reply.ok) {
        setError(reply.error.message);
        return;
      }
      setProfile(reply.user);
      setName(reply.user.name);
      setAvatarUrl(reply.user.avatarUrl ?? '');
    });
    return () => {
      live = false;
    };
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFields({});
    setError(undefined);
    setStatus(undefined);
    const trimmedAvatar = avatarUrl.trim();
    // An empty address removes the avatar: the server takes null for that.
    const reply = await ask<{ user: Profile }>({ type: 'account:updateProfile', name: name.trim(), avatarUrl: trimmedAvatar === '' ? null : trimmedAvatar });
    setBusy(false);
    if (!reply.ok) {
      setFields(reply.error.fields ?? {});
      if (!reply.error.fields) setError(reply.error.message);
      return;
    }
    setProfile(reply.user);
    setStatus('Profile saved.');
  }

  return (
    <form aria-labelledby="account-profile-heading" onSubmit={(event) => void save(event)} noValidate>
      <h3 id="account-profile-heading">Profile</h3>
      {profile ? (
        <>
          <p className="muted">Email: {profile.email}</p>
          <AccountField label="Name" value={name} onChange={setName} error={fields.name} autoComplete="name" />
          <AccountField
            label="Avatar URL"
            type="url"
            value={avatarUrl}
            onChange={setAvatarUrl}
            error={fields.avatarUrl}
            hint="An https:// address of a picture. Leave empty for none."
            autoComplete="photo"
          />
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save profile'}
            </button>
          </div>
        </>
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
      <AccountMessages status={status} error={error} />
    </form>
  );
}
