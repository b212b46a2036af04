import { z } from 'zod';

/**
 * Fragment links for the client interview (FRAGLINK-*). The link's secret travels only in the
 * address's fragment (`/kijken#…`), which browsers never send to a server or put in a Referer;
 * the page exchanges it for a session token that lives in the tab (sessionStorage) and goes along
 * in this header, never in a URL.
 */
export const fragmentSessionHeader = 'x-kijkruimte-kijksessie';

/** Where the client's page lives; the secret follows after `#`. */
export const fragmentPagePath = '/kijken';

/** A researcher makes a link from the fragments chosen in the interview; there is nothing to choose here. */
export const createFragmentLinkBody = z.object({}).strict();

/** The page hands in the link's secret once and gets the tab's session. */
export const fragmentSessionBody = z.object({ token: z.string().min(20).max(200) }).strict();

export interface ClientFragment {
  index: number;
  label: string;
  /** Seconds in the recording (what the page shows). */
  start: number;
  end: number;
  /**
   * Seconds in the fragment's own file, where the player starts and stops: the file begins at the
   * key frame before the fragment, a little earlier than `start` (FRAGLINK-2).
   */
  playFrom: number;
  playTo: number;
  /** Where the page streams it (header-authenticated; a file cut from the fragment, nothing else). */
  mediaUrl: string;
}

export interface FragmentSession {
  session: string;
  expiresAt: number;
  fragments: ClientFragment[];
}

export interface FragmentLinkInfo {
  id: string;
  createdAt: number;
  expiresAt: number;
  createdByName: string | null;
  fragments: number;
  active: boolean;
}

export const fragmentMediaUrl = (index: number): string => `/api/kijken/media/${index}`;
