import { z } from 'zod';

/**
 * The organisation's settings, which the beheerder switches (SCANGATE-1). One setting so far:
 * whether only the owner may play a recording until the scan of the signed form is uploaded.
 */
export const orgSettingsBody = z.object({ requireConsentScan: z.boolean() }).strict();
export type OrgSettings = z.infer<typeof orgSettingsBody>;
