/**
 * Node names of the shared editor schema, apart from the extensions themselves: the server's
 * document migrations need the names at start-up, the Tiptap extensions (~6 MB) only when an
 * export renders a report (OPS-4).
 */
export const fragmentRefName = 'fragmentRef';
