import { useEffect, useRef } from "react";
import QRCode from "qrcode";

/**
 * The check-in code drawn as a QR code on a canvas (the qrcode package does the
 * encoding). A canvas needs no data: URL, so the page's CSP can keep img-src 'self'.
 */
export function TicketQr({ code, eventName }: { code: string; eventName: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) {
      QRCode.toCanvas(canvas.current, code, { width: 180, margin: 2, errorCorrectionLevel: "M" }).catch(() => {});
    }
  }, [code]);
  return (
    <figure className="ticket-qr-figure">
      <canvas ref={canvas} className="ticket-qr" width={180} height={180} role="img"
        aria-label={`QR code of the check-in code for ${eventName}`} />
      <figcaption>Check-in code: <code>{code}</code></figcaption>
    </figure>
  );
}
