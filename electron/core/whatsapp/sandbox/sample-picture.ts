import { deflateSync } from 'node:zlib';

/**
 * A small real PNG for the sandbox's customers to send (a blue T-shirt on a soft background), so a
 * demo inbox shows a picture rather than a single pixel. Drawn pixel by pixel; no image library.
 */
export function samplePhoto(width = 240, height = 180): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const [r, g, b] = shirt(x / width, y / height) ?? [236 - y / 6, 232 - y / 10, 224 - x / 12];
      row.writeUInt8(Math.round(r), 1 + x * 3);
      row.writeUInt8(Math.round(g), 2 + x * 3);
      row.writeUInt8(Math.round(b), 3 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The shirt's colour at (u, v) in 0..1, or null outside it. */
function shirt(u: number, v: number): [number, number, number] | null {
  const body = u > 0.36 && u < 0.64 && v > 0.28 && v < 0.86;
  const sleeves = v > 0.28 && v < 0.46 && u > 0.22 && u < 0.78 && Math.abs(u - 0.5) - (v - 0.28) * 0.6 < 0.24;
  const collar = (u - 0.5) ** 2 + (v - 0.26) ** 2 < 0.0045;
  if (collar) return null;
  if (!body && !sleeves) return null;
  const shade = 1 - v * 0.35;
  return [40 * shade, 110 * shade, 200 * shade];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A small smiling-face sticker (128×128 WebP with transparency, drawn once in Chromium): stickers
 * must be WebP, and one the inbox shows should look like a sticker rather than an empty bubble.
 */
export const SAMPLE_STICKER = Buffer.from(
  'UklGRkgNAABXRUJQVlA4WAoAAAAwAAAAfwAAfwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAA' +
    'AABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAA' +
    'ABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAA' +
    'AAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAA' +
    'AAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAA' +
    'AABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZBTFBIOwQAAA2g' +
    'hW3bGUl6pxrXVUmvxp52r3fHtu1pjG3btm0WxrZtW9Vjo1nJqHES/vm/xVlETAD+t80SmFEUREGALMmyFPf4AyF5q/0RFBgI' +
    'dUEUBDFjkP3J4yfX973gXsaKlSr6wVgxMCjwr2qfDx06nMAve6MWf8Ps0EqVyl9ybP7EI1uFFtXBpq1S86p7HEfSOWNv0w8s' +
    'BzRsHjRtIU9+6t4JzAf1j5w9N54XA7vDkhl7tpo9gwsVlsKy342q3emI5YJnibBy2KLE3k+t1bULrF5//IxlFvreDQ4KszM3' +
    'k6xSdDn4WG9ciyuWsA2tBl4GrtsyNZ09/43gqN+4kKgU1oRd4GuDTvVktjLuAG/Lj60Tx1LuzeBv/kUNX7CTdz14HLom8jkr' +
    'GTeDz3lWRMaxYd8NXkfMryMzsQP8zj+8AQMZdoDnVds2MW80+N7457FmlSvFOYw6eNqcrAvAe9uGjh9N2QL+Z58dacZIUFix' +
    '6ATjwiNJwBjXfcNWgkafJW2NagYqS+Zeb0zAWDIwc8gnQ0aDzhwdRhuRozEh6O18b0BfUOrfbYa+gBakoOtqr66eoPW7Zgv1' +
    '+HUhBv1mf9PRGNRmLbFNRww5iHFr+7EYPTWPezVFgl6/+hs0xRCEGLcWMT9F5S96NZQHxbbipzWUIwllj2soS50YQVOR619U' +
    'yoBm3+InVQoQhfxXVUKpCvVQF/aQulCPkn9GqvK8/arwC8gO9ShkoyvbWwWRLlGiTpAVBLpESUH89ybICmk2snxTFCSRLC/+' +
    '65PI8yq9yU7WG6XY4AxUPVT6HJeTqKdQ9YQS5VGLDSEqVs0TSpRH7Wp+oq6qnSphIynttJrX8zdJl6DxRBmSTvyTOF6WpCNa' +
    '4u4XJ+gkNDubEeTU5o70IefbVm0JZ2qQsws6nc3IcerZWjQnMa8v6Pk2tw8xk6B7fsxPpCRs0Pd5SQ9SpsPAWR3thHhXGpGw' +
    'eCAhk2DoxGZ5yHi00ZivveeT0RYG7xQqErEDhrdf4EfClz7GPV40mYT+MHFmRA0C9j00AzFTcnPvZV+Ymth6k41zKY1g8sXt' +
    '4zg3BKZPDG3MtbUvzEOTNtU4ttsFFhsOy8+ti5PApFxncQinHnQFo3EN3Dm59LwlmH3R0BXKofutwPCLhovyc+dSFzAdV2ds' +
    'ec4cGgXG5XqdGnBl4zIwnxIVPtaHGylDH8OC6ZP2bMzOidf1YNGzHWZW4sKBXrDsh5jCY3wslzL8CiycPnHd0qIWO90FFr/T' +
    'JmRKLgu96P8c1nePajnUMmNc4KI8YWWfTqIFkhfMAjdfzXBH98vB2Oup68DVpGUz/2xe186MvM1xC9xN3e84XLN5ORsDaUcc' +
    'e8Fp7ybH1SLFihX9yYT48+fOXQDXE8+dO3c+x1+//vFbqC7P7Zt3rr8GjXeu37l521MgiyiIggBZkmXp/RXQe+W9JEuyjP98' +
    'AQBWUDggFgcAABAnAJ0BKoAAgAA+aSqSRaQioZn6zihABoSzAGXRGK6/Nj8z+XvNR8XeN+YEQD2b5IPUd+g/Ru82D9M/ch5g' +
    'P2l9aD+6/tj7lP8x6gH7AdYd6AH6uenN+z3wt/2z/selvqq/kn+79rWP/Z/dkMq8IhyI/vdgENS8gb5pXvXupszKZiEJTQl1' +
    'JmJ+QkxcMtv2zBifVAka533UBPPGu0Z5yLcjZ+dSM7JpfAngvuCoXOh4LXxH/+rQ23FeTvZBqV8wjF79fBQFCm1fhOU2TFiK' +
    'yqarcWQJR5gIiAJY0g+Felfs03TOgNstk2PePIUlKT5ZtBFtabsuViPdCxiSmX+UMvZ2pBg1UDGNlkFui0pp0N305+1C5EQ+' +
    'Bmh0+2S0Bj4ktv1xXVOrNUzxTmW1LOY++FF78dKKxKxiBqq93iRLvaoYAAD+/TZx3t2v9GimALu15UrnL9stTWWQ/EugWNK3' +
    '3Vgww8x8xespap2OZqgeAgVrc4CBNHIZvjEd+jIqHFGilkHnnZd9+sbDL7zLp3z9bbTSTj5lzFU5UCKNP+IuIhBsN+oom7YD' +
    'P2QSF6JcPMTQm7wzy/Sn7VGmfRtqzPf25bHEAoeU8jOUgJ+x8YgEG4JlOitUsW9Kcscor9Q5II1zfd1VuPp6PNBU7D+6YMHX' +
    'ke6kaDfsOEbexrPzAlEZFFrmTYYfBJfJsox7ARz+6+EZmaLEtUuWwhfe5VOpSrpSVqEIitqbXjlG+vdvaEEZRDpD6RvLPnxs' +
    'DQ8tz4XLqrvM/s44CsszZzc3HBfVoNcIp00leLXGdFEmwG79GA0K6doXXz/v7vVqkReLLjLOrL+ovwUiExUJhxy/ie6d9m08' +
    'QDNl5K9hu8JigtwhmQIy3IkDhH2MLf317ioQi7J9euKrhnrC9/R+Rb7g5r3EdakUbMXOz+3exJ9EmTLkj8mFcVjMwRYt+LdA' +
    'FoxuKVJWVlQ1rVlSI05GsBgp/mkwJ3qsdjSCm2QrUnoMSbg4vQgSwgtJ/lARsbtsLMxaFMH5EkgRPjrNPaDHMu8yAtxclVgT' +
    'hfV/0xJmyj75NFbb866ynVA0w79uKVLly/JHXQbZtkCnR8DceW7Zim9wkKaPBRNZz/dVdAI6JABASA1VuJAYOy3h41XNdEoJ' +
    'PbN4Zknh7ApdO6h4kO2sZ5cFF17RIE4IvvONuUk/6X3cl3LROP58bttj7TjfAkIaSzt1yfGAWa1nACjdACtHwNUa1TGU19Zf' +
    '2aQInFbFy1CaTZTkfdKaxVeUl4YotW+CUQ7wfN7TKnpn0/PDpsqLs0j/RiKcZkH+aefer8XpviTKgXMWC/NDoo4ERDTRD4O5' +
    '43DtihgP0/PDjjIxgH/gGadE9Ht4AS7cjN+iiINDw+K+PGd+BD6W8Hue3h+olUIubrLzadln+YZjAGogbNjL0do6VKSln16g' +
    'AxkcrJeO5seFyD5d052RRTyNdgEUP6ilTBBE8V8TJF+FAW8dvNzcx3uL9+fvzfceYJIBq68zyra8CwOpoDgulbvwf2jxuCqo' +
    'jKwDHa4iMFCagwhuPzLoJJB97QjfWSSK2qiTe0es8Xig7eJ71+Be3pODE6yezmhr/PqE6h/mpoCkpGamxqQBfvGhm8dtGYzY' +
    'Uu7BsH9q8eQL4x0/GO7xw/Gfwaud4jFFf5ekph6OQKcqPLwmh3KyDrWqPBSg684CV7bjVKttKfwCIxivHi0fYBI2uO4UHUQj' +
    'ZgajyioWmIv4kpH8LJyGkacjWAq/TqTgeWT43kQ1zWkP3FLVAU/G93zy6gEM/TVLChSsA9Ndo5Hmt3duwdOrr3s1smI19hBr' +
    'Db//bMnAaimmR/NTXujtyLgIpVO/wL5EXt5ykthNISLv3rH2g1M0a7xbuvVrtT49KtaBQT4BBKexG5W5c3/k4w9rymk2ZiFt' +
    'xQNV9hRvCXBmJkccJxDCPOey9Mkbj+ITXyj6lZj5gEAUFuKnxqGOU1a7N24JpS5EqTiAyjzsou7MjtOfBugGsQ4q4/YiF9D/' +
    'o3OBh3Tq8KMAoWo10y1BzwXUOrGajbSphHkvh0xxzCuumb+SHgivxaWKMQBDDB0VRLu4op71q/SQoV7iDaxFeVryMRN3Y2gj' +
    'YzxoSg6enrTR4x4onSpnsPay4U1NAgDKnIFsY44MfoIP1+/v/ZN4oJfy+ZTKrIaXEPKFvKMPxYSictvYW/KEMWHROIF/8lfE' +
    '56S/O/Wrfct39/8glT58D5fMzwu8uUf5HWANqtN2097cQfvRiwQlfqUmqGwPJDS61rpCensraGyNOvle7myCNlUAK8C8jTuB' +
    '0vdBVzJCsbd2VQDtDq8MRzWHBb98OwejbExv1NesAYlOpfdkO/zD/8V2T6Fd9CcNUTv+jBoDPj6eorphlcwLnzgCgBYpB/3W' +
    '/SR4ek37cVeK08n0aJ3oWeT1Ue0AAAAA',
  'base64',
);
