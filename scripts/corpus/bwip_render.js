// Render one PDF417 symbol with bwip-js for the corpus generator (pdf417.py):
// reads {text, columns, eclevel, rowmult} as JSON on stdin, writes a PNG at
// one pixel per module (white background) to stdout.
const bwipjs = require("./node_modules/bwip-js");

let input = "";
process.stdin.on("data", (c) => (input += c));
process.stdin.on("end", () => {
  const req = JSON.parse(input);
  bwipjs
    .toBuffer({
      bcid: "pdf417",
      text: req.text,
      binarytext: true,
      columns: req.columns,
      eclevel: req.eclevel,
      rowmult: req.rowmult,
      scale: 1,
      backgroundcolor: "FFFFFF",
    })
    .then((png) => process.stdout.write(png))
    .catch((e) => {
      process.stderr.write(String(e) + "\n");
      process.exit(1);
    });
});
