import type { ShareError, ShareErrorCode } from '../../share/urlState';
import { translator, type KeyOf, type Lang } from '../i18n';
import { shareStrings } from './strings';

const KEYS: Record<ShareErrorCode, KeyOf<typeof shareStrings>> = {
  'not-a-link': 'shr_err_notALink',
  'unsupported-version': 'shr_err_unsupportedVersion',
  'too-long': 'shr_err_tooLong',
  damaged: 'shr_err_damaged',
  invalid: 'shr_err_invalid',
  'sample-mismatch': 'shr_err_sampleMismatch',
};

/** What went wrong with a share link, in the UI language; the technical detail follows in English. */
export function shareErrorText(lang: Lang, error: ShareError): { summary: string; detail: string } {
  return { summary: translator(lang, shareStrings).t(KEYS[error.code]), detail: error.detail };
}
