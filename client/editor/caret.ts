/**
 * How other people's carets look. The user record comes from another browser via awareness, so
 * it is rendered with textContent and style properties only (never HTML), and the name is
 * bounded. CollaborationCaret has already replaced an invalid colour by `transparent`.
 */
const maxLabelLength = 40;

function stringField(user: Record<string, unknown>, key: string): string {
  const value = user[key];
  return typeof value === 'string' ? value : '';
}

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = stringField(user, 'color');
  const name = stringField(user, 'name').trim().slice(0, maxLabelLength);

  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  caret.dataset.user = name;
  // The caret sits inside the text; screen readers should read the text, not the names in it
  // (the presence list already says who is here).
  caret.setAttribute('aria-hidden', 'true');

  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = name;
  caret.append(label);
  return caret;
}
