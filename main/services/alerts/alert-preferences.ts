// The agent's alert preferences (Settings → Alerts). The schema lives in shared/settings.ts so the
// renderer checks and decides with the same rules; this module keeps the services' import path.
export {
  AlertPreferences,
  DEFAULT_ALERT_PREFERENCES,
  DoNotDisturb,
  isQuietFor,
  isWithinQuietHours,
  type AlertPreferencesInput,
} from '../../../shared/settings';
