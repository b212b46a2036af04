import { useState } from 'react';
import { fetchOrgSettings, isApiError, saveOrgSettings, type ApiErrorCode } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { Alert, Notice, Panel } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';

/**
 * The organisation's settings (SCANGATE-1): whether only the klantmanager may play a recording
 * until the scan of the signed consent form is uploaded. On by default; the change takes effect
 * at once for every open player.
 */
export function OrgSettingsPanel({ userId }: { userId: string }) {
  const [settings, { reload }] = useResource(fetchOrgSettings, `org-settings:${userId}`);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);

  const toggle = async (requireConsentScan: boolean): Promise<void> => {
    setBusy(true);
    setNotice(null);
    setFailure(null);
    try {
      await saveOrgSettings({ requireConsentScan });
      setNotice(t(requireConsentScan ? 'admin.settings.scanOn' : 'admin.settings.scanOff'));
      reload();
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('admin.settings.heading')}>
      {settings.status === 'error' && <Alert tone="danger">{errorMessage(settings.error.code)}</Alert>}
      {settings.status === 'ready' && (
        <div className="field" data-testid="org-settings">
          <label className="decision__option">
            <input type="checkbox" checked={settings.data.requireConsentScan} disabled={busy}
              aria-describedby="org-settings-scan-hint" onChange={(event) => void toggle(event.target.checked)} />
            {t('admin.settings.scanLabel')}
          </label>
          <p className="field__hint" id="org-settings-scan-hint">{t('admin.settings.scanHint')}</p>
        </div>
      )}
      {notice !== null && <Notice data-testid="org-settings-notice">{notice}</Notice>}
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
    </Panel>
  );
}
