import QRCode from "qrcode";
import { writeFileSync } from "node:fs";

/** A video for Chromium's fake camera (`--use-file-for-fake-video-capture`), which plays it in a
 *  loop: each text's QR code held up for `hold` frames, then `gap` empty frames while the next
 *  ticket is brought up. Y4M, 4:2:0, grey: what a camera pointed at paper tickets sees. */
export function writeQrVideo(
  path: string,
  texts: string[],
  { width = 640, height = 480, fps = 10, hold = 4, gap = 1 } = {},
): void {
  const lumaSize = width * height;
  const chroma = Buffer.alloc(lumaSize / 2, 128); // U and V planes, a quarter each
  const frame = (luma: Buffer) => Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const blank = Buffer.alloc(lumaSize, 235);
  const frames: Buffer[] = [];
  for (const text of texts) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    // The code and its quiet zone fill two thirds of the frame's height, as a ticket held up would.
    const scale = Math.floor((height * 2) / 3 / (modules.size + 8));
    const side = modules.size * scale;
    const [left, top] = [Math.floor((width - side) / 2), Math.floor((height - side) / 2)];
    const luma = Buffer.from(blank);
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (!modules.get(row, col)) continue;
        for (let y = 0; y < scale; y++) {
          const start = (top + row * scale + y) * width + left + col * scale;
          luma.fill(16, start, start + scale);
        }
      }
    }
    for (let i = 0; i < hold; i++) frames.push(frame(luma));
    for (let i = 0; i < gap; i++) frames.push(frame(blank));
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...frames]));
}
