// The alert sound, made with the Web Audio API (no audio files): a short two-tone chime, a bell or a
// soft tone, at the agent's volume. The alert policy asks for it (alerts:sound) — Electron's main
// process, or the browser host's services (main/services/alerts/alerts-plugin.ts); Settings plays it
// for "Test sound".
import type { AlertSoundChoice } from '../../shared/settings';

type Tone = { frequency: number; start: number; duration: number; type: OscillatorType; gain: number };

/** Each sound as a few notes: frequency (Hz), start and length (s), waveform, relative loudness. */
const SOUNDS: Record<AlertSoundChoice, { offer: Tone[]; message: Tone[] }> = {
  // A rising major sixth (E5 → C#6): clear without being shrill.
  chime: {
    offer: [
      { frequency: 659.25, start: 0, duration: 0.35, type: 'sine', gain: 1 },
      { frequency: 1108.73, start: 0.16, duration: 0.5, type: 'sine', gain: 0.85 },
    ],
    message: [{ frequency: 880, start: 0, duration: 0.25, type: 'sine', gain: 0.6 }],
  },
  // A struck bell: fundamental plus an inharmonic partial, long decay.
  bell: {
    offer: [
      { frequency: 784, start: 0, duration: 1.1, type: 'sine', gain: 1 },
      { frequency: 784 * 2.76, start: 0, duration: 0.6, type: 'sine', gain: 0.25 },
      { frequency: 1046.5, start: 0.22, duration: 1, type: 'sine', gain: 0.7 },
    ],
    message: [{ frequency: 1046.5, start: 0, duration: 0.6, type: 'sine', gain: 0.5 }],
  },
  // Two low, rounded notes for quiet rooms.
  soft: {
    offer: [
      { frequency: 440, start: 0, duration: 0.4, type: 'triangle', gain: 0.9 },
      { frequency: 554.37, start: 0.2, duration: 0.5, type: 'triangle', gain: 0.8 },
    ],
    message: [{ frequency: 523.25, start: 0, duration: 0.3, type: 'triangle', gain: 0.5 }],
  },
};

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor = typeof window === 'undefined' ? undefined : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/**
 * Plays the sound; resolves false when the page cannot play audio (no Web Audio, or a browser
 * that still waits for a first click or key press before it allows sound).
 */
export async function playAlertSound(choice: AlertSoundChoice, kind: 'offer' | 'message', volumePercent: number): Promise<boolean> {
  const ctx = audioContext();
  if (!ctx || volumePercent <= 0) return false;
  if (ctx.state === 'suspended') {
    try {
      await ctx.resume();
    } catch {
      return false;
    }
  }
  if (ctx.state !== 'running') return false;
  const master = ctx.createGain();
  // Perceived loudness is roughly logarithmic: square the fraction so 50 % sounds like half.
  master.gain.value = (volumePercent / 100) ** 2 * 0.5;
  master.connect(ctx.destination);
  const t0 = ctx.currentTime + 0.02;
  let end = t0;
  for (const tone of SOUNDS[choice][kind]) {
    const oscillator = ctx.createOscillator();
    const envelope = ctx.createGain();
    oscillator.type = tone.type;
    oscillator.frequency.value = tone.frequency;
    const start = t0 + tone.start;
    const stop = start + tone.duration;
    // A quick attack and an exponential decay: no clicks at either end.
    envelope.gain.setValueAtTime(0.0001, start);
    envelope.gain.exponentialRampToValueAtTime(tone.gain, start + 0.015);
    envelope.gain.exponentialRampToValueAtTime(0.0001, stop);
    oscillator.connect(envelope).connect(master);
    oscillator.start(start);
    oscillator.stop(stop + 0.02);
    end = Math.max(end, stop);
  }
  setTimeout(() => master.disconnect(), Math.ceil((end - ctx.currentTime + 0.1) * 1000));
  return true;
}

/**
 * Browsers keep audio off until the page was interacted with; the first click or key press
 * unlocks it, so a later offer can sound without one.
 */
export function unlockAudioOnFirstGesture(doc: Document = document): () => void {
  const unlock = () => {
    const ctx = audioContext();
    if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    stop();
  };
  const stop = () => {
    doc.removeEventListener('pointerdown', unlock, true);
    doc.removeEventListener('keydown', unlock, true);
  };
  doc.addEventListener('pointerdown', unlock, true);
  doc.addEventListener('keydown', unlock, true);
  return stop;
}
