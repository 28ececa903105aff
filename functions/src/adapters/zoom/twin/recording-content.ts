/** The twin's generated transcript (WebVTT, speaker-labelled cues over ~10 minutes) and chat file. */

const SPEAKERS = ['Ada Host', 'Ben Member', 'Chloé Member'];
const LINES = [
  'Welcome everyone, thanks for joining {topic}.',
  'Glad to be here. Can you share the slides?',
  'Sure, sharing my screen now.',
  "Let's start with the agenda for today.",
  'First question from the chat: will this be recorded?',
  'Yes, the recording goes to the community site afterwards.',
  'Next, a quick demo of the new workflow.',
  'That looks much simpler than last time.',
  'Questions before we move on?',
  'How do the chapters get made?',
  'They are drafted from this very transcript.',
  "Thanks all, that's a wrap. See you next time.",
];

const clock = (s: number, ms = true) => {
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(Math.floor(s % 60)).padStart(2, '0');
  return `${hh}:${mm}:${ss}${ms ? '.000' : ''}`;
};

/** Zoom's audio_transcript format: numbered cues, `Speaker: text`, one every 50 seconds. */
export function transcriptVtt(topic: string): string {
  const cues = LINES.map((line, i) => {
    const start = i * 50 + 2;
    const speaker = SPEAKERS[i % SPEAKERS.length];
    return `${i + 1}\n${clock(start)} --> ${clock(start + 8)}\n${speaker}: ${line.replace('{topic}', topic)}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

/** Zoom's chat_file format: `HH:MM:SS\t From  Name : message` lines. */
export function chatText(topic: string): string {
  return [
    `00:00:40\t From  Ben Member : Hi all! Looking forward to ${topic}`,
    '00:04:12\t From  Chloé Member : Will the slides be shared?',
    '00:04:30\t From  Ada Host : Yes, with the recording.',
    '00:09:05\t From  Ben Member : Thank you!',
  ]
    .join('\r\n')
    .concat('\r\n');
}
