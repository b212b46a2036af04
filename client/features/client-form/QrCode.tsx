import { useMemo } from 'react';
import { qrPath } from '../../../shared/portal/qr.ts';

/** The QR code as inline SVG (the same modules the PDF draws), with a text alternative. */
export function QrCode({ text, label, size = 176 }: { text: string; label: string; size?: number }) {
  const qr = useMemo(() => qrPath(text), [text]);
  // A quiet zone of 4 modules around the symbol, as the QR standard asks.
  const view = qr.size + 8;
  return (
    <svg className="qr" role="img" aria-label={label} width={size} height={size} viewBox={`-4 -4 ${view} ${view}`} data-testid="client-qr" shapeRendering="crispEdges">
      <rect x={-4} y={-4} width={view} height={view} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}
