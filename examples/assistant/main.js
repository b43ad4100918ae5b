// The voice-assistant demo: `npm start` builds dist/ and runs this; `node examples/assistant/main.js --out <dir>`
// writes boot-report.json and boot-timeline.svg there. Its code is src/cli/demo/ (also `npx preheat demo`).
import '../../dist/cli/demo/main.js';
