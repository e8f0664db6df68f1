import type { SecretField } from '@shared/api/profile-schema';
import type { Draft, DraftErrors } from './draft';

/** What every part of the profile form receives. */
export interface FormPartProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  errors: DraftErrors;
  /** Which secrets are stored for the profile being edited. */
  stored: Partial<Record<SecretField, boolean>>;
}
