// Short beeps for the scan station, made with WebAudio (no audio files): a packer hears right or
// wrong without looking up. Browsers start audio only after a user gesture; a scan (a key press)
// is one, so the context is made on the first beep. Without audio the page works the same, silently.

const TONES = {
  right: [{ hz: 1046, ms: 70, wave: 'sine' }],
  wrong: [{ hz: 196, ms: 160, wave: 'square' }, { hz: 0, ms: 60 }, { hz: 196, ms: 160, wave: 'square' }],
  done: [{ hz: 784, ms: 70, wave: 'sine' }, { hz: 1046, ms: 70, wave: 'sine' }, { hz: 1568, ms: 120, wave: 'sine' }],
};

let context = null;

function audio() {
  try {
    const Context = window.AudioContext ?? window.webkitAudioContext;
    if (!Context) return null;
    context ??= new Context();
    if (context.state === 'suspended') context.resume();
    return context;
  } catch {
    return null;
  }
}

/** Plays the tones of `kind` (right, wrong, done); returns at once. */
export function beep(kind) {
  const ctx = audio();
  if (!ctx) return;
  let at = ctx.currentTime;
  for (const tone of TONES[kind] ?? []) {
    const seconds = tone.ms / 1000;
    if (tone.hz > 0) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = tone.wave;
      osc.frequency.value = tone.hz;
      // A quick fade in and out: a hard start or stop clicks.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.25, at + 0.005);
      gain.gain.setValueAtTime(0.25, at + seconds - 0.01);
      gain.gain.linearRampToValueAtTime(0, at + seconds);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + seconds);
    }
    at += seconds;
  }
}
