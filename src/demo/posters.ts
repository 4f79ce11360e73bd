// A poster for each demo event, so a first look at the app shows pictures: an
// abstract design drawn as SVG (a gradient and a few shapes, its colours and
// layout taken from the event's name, the same every run), rendered to PNG by
// sharp and then made into the event's image exactly as an upload would be
// (src/images/event-image.ts). No text: the card and the page say the name.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { makeEventImage, type EventImage } from "../images/event-image.ts";

const WIDTH = 1280;
const HEIGHT = 720;

export async function demoPoster(name: string): Promise<EventImage> {
  const bytes = createHash("sha256").update(name).digest();
  const hue = (i: number) => Math.round((bytes[i]! / 255) * 360);
  const at = (i: number, max: number) => Math.round((bytes[i]! / 255) * max);
  const [from, to, accent] = [hue(0), (hue(0) + 40 + at(1, 80)) % 360, (hue(0) + 180) % 360];
  const shapes = Array.from({ length: 6 }, (_, k) => {
    const r = 60 + at(4 + k, 260);
    return `<circle cx="${at(10 + k, WIDTH)}" cy="${at(16 + k, HEIGHT)}" r="${r}" fill="hsl(${(accent + k * 25) % 360} 85% 65%)" fill-opacity="${(0.18 + (k % 3) * 0.1).toFixed(2)}"/>`;
  }).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${from} 70% 45%)"/><stop offset="1" stop-color="hsl(${to} 75% 35%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}
    <rect y="${HEIGHT * 0.62}" width="100%" height="${HEIGHT * 0.38}" fill="black" fill-opacity="0.12"/>
  </svg>`;
  return makeEventImage(await sharp(Buffer.from(svg)).png().toBuffer());
}
