import type { ShareError, ShareErrorCode } from '../../share/urlState';
import { translate, type Lang, type MessageKey } from '../i18n';

const KEYS: Record<ShareErrorCode, MessageKey> = {
  'not-a-link': 'shr_err_notALink',
  'unsupported-version': 'shr_err_unsupportedVersion',
  'too-long': 'shr_err_tooLong',
  damaged: 'shr_err_damaged',
  invalid: 'shr_err_invalid',
  'sample-mismatch': 'shr_err_sampleMismatch',
};

/** What went wrong with a share link, in the UI language; the technical detail follows in English. */
export function shareErrorText(lang: Lang, error: ShareError): { summary: string; detail: string } {
  return { summary: translate(lang, KEYS[error.code]), detail: error.detail };
}
