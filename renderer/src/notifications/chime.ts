/**
 * A short two-note chime made with Web Audio, so no sound file has to ship or pass the CSP. Browsers
 * allow sound once the page has been interacted with; before that it stays silent.
 */
let context: AudioContext | null = null;
let lastPlayed = 0;

export function playChime(): void {
  const now = Date.now();
  // A burst of messages plays once.
  if (now - lastPlayed < 1500) return;
  lastPlayed = now;
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.3);
    }
  } catch {
    // No audio device: the notification still shows.
  }
}
