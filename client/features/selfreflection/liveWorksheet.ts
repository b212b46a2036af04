/**
 * The live copy of a werkblad shared with me (SELF-4): the server writes it from its author's
 * private layer after every change; I open it read-only, through client/collab like every socket.
 * A copy that does not parse (or is not there yet) reads as null: the caller shows what the route
 * gave instead.
 */
import { docKeys, sharedWorksheetDocName } from '../../../shared/domain/cycle-doc/keys.ts';
import { useCollabSession } from '../../collab/hooks.ts';
import { docStore, useYStore, YStore } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';
import { sharedWorksheetView, type SharedWorksheetView } from '../../api/worksheets.ts';

function parseView(json: unknown): SharedWorksheetView | null {
  if (typeof json !== 'string') return null;
  try {
    const parsed = sharedWorksheetView.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The copy as it is now in `session`, or null until it has arrived. */
export function useLiveWorksheet(session: CollabSession): SharedWorksheetView | null {
  const map = session.doc.getMap<unknown>(docKeys.sharedWorksheet);
  const store = docStore(session.doc, 'shared-worksheet:view', () => new YStore(map, () => map.get('view'), Object.is));
  const json = useYStore(store);
  return parseView(json);
}

/** The read-only socket on `authorId`'s copy (null during the first render). */
export function useSharedWorksheetSession(cycleId: string, authorId: string): CollabSession | null {
  return useCollabSession(sharedWorksheetDocName(cycleId, authorId));
}
