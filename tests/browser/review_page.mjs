#!/usr/bin/env node
// Browser test of the --html review pages, in the system Chromium driven by playwright-core.
//
//   node tests/browser/review_page.mjs --tool build/py2cpp --fixtures fixtures/review --work DIR
//        [--chromium /usr/bin/chromium] [--screenshot docs/images/review-page.png]
//
// 1. `py2cpp translate orders.py --html`: the page loads without console or page errors; it lists
//    exactly the report's stubs, each on a Python line marked as a stub; every C++ line that names
//    a Python line names one that exists; clicking a Python line selects the C++ lines made from it
//    and scrolls them into view; clicking a C++ line selects (and shows) its Python line; a stub's
//    link selects its line; a #py-N address selects line N; the page loads nothing from outside.
// 2. `py2cpp batch DIR --html`: review/index.html lists every module, the failed one without a
//    link and with its error; the links open the module pages.
// Prints PASS/FAIL per check, exits 1 when one failed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

function parseArgs(argv) {
  const args = { chromium: "/usr/bin/chromium", screenshot: "" };
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, "")] = argv[i + 1];
  for (const k of ["tool", "fixtures", "work"]) if (!args[k]) throw new Error(`--${k} is required`);
  return args;
}

const args = parseArgs(process.argv.slice(2));
let failures = 0;
function check(name, ok, detail = "") {
  console.log(ok ? `PASS ${name}` : `FAIL ${name}${detail ? ": " + detail : ""}`);
  if (!ok) failures++;
}

function py2cpp(...argv) {
  // Exit 0 or 2 (a failed module in the batch) are both expected here; stderr is shown on failure.
  try {
    execFileSync(args.tool, argv, { stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  } catch (e) {
    if (e.status !== 2) throw e;
  }
}

fs.rmSync(args.work, { recursive: true, force: true });
fs.mkdirSync(args.work, { recursive: true });
const single = path.join(args.work, "single");
const batch = path.join(args.work, "batch");
py2cpp("translate", path.join(args.fixtures, "orders.py"), "-o", single, "--html");
py2cpp("batch", args.fixtures, "-o", batch, "--html", "-j", "2");
const report = JSON.parse(fs.readFileSync(path.join(single, "py2cpp-report.json"), "utf8"));

const browser = await chromium.launch({
  executablePath: args.chromium,
  headless: true,
  // No sandbox: CI runs as root. The rest keeps Chromium from reaching for the network.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  const external = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) external.push(r.url()); });

  const pageUrl = pathToFileURL(path.join(single, "review", "orders.html")).href;
  await page.goto(pageUrl);
  check("page title names the module", (await page.title()).includes("orders.py"), await page.title());

  // --- stubs ---
  const stubLinks = await page.$$eval("#stubs li a[data-goto]", (as) => as.map((a) => Number(a.dataset.goto)));
  const reportLines = report.stubs.map((s) => s.line);
  check("stub list = the report's stubs", JSON.stringify(stubLinks) === JSON.stringify(reportLines),
        `${stubLinks} vs ${reportLines}`);
  check("the fixture has stubs to show", reportLines.length >= 2, String(reportLines.length));
  const unmarked = await page.evaluate((lines) => lines.filter((n) => !document.getElementById("py-" + n)?.classList.contains("stub")),
                                       reportLines);
  check("each stub's Python line is marked", unmarked.length === 0, `unmarked: ${unmarked}`);
  const todoMarked = await page.$$eval("#cpp .l", (ls) => ls.filter((l) => l.textContent.includes("TODO(py2cpp)"))
                                                        .every((l) => l.classList.contains("stub")));
  check("TODO(py2cpp) C++ lines are marked", todoMarked);

  // --- the map ---
  const dangling = await page.$$eval("#cpp .l[data-py]", (ls) => ls.filter((l) => !document.getElementById("py-" + l.dataset.py)).length);
  check("every mapped C++ line names an existing Python line", dangling === 0, `${dangling} dangling`);
  const mapped = await page.$$eval("#cpp .l[data-py]", (ls) => ls.length);
  check("most C++ lines are mapped", mapped > 50, String(mapped));

  // Visible = inside the scrolled pane's box.
  const visibleIn = (pane, selector) => page.evaluate(([pane, selector]) => {
    const box = document.getElementById(pane).getBoundingClientRect();
    return [...document.querySelectorAll(selector)].some((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    });
  }, [pane, selector]);

  // Click the Python line of `def notional` (near the end: its C++ is scrolled to).
  const source = fs.readFileSync(path.join(args.fixtures, "orders.py"), "utf8").split("\n");
  const notionalLine = source.findIndex((l) => l.startsWith("def notional")) + 1 + 3;  // `s += o.price * o.qty`
  await page.click(`#py-${notionalLine}`);
  const selected = await page.$$eval("#cpp .l.sel", (ls) => ls.map((l) => l.dataset.py));
  check("clicking a Python line selects its C++ lines", selected.length > 0 && selected.every((p) => p === String(notionalLine)),
        JSON.stringify(selected));
  check("... and scrolls them into view", await visibleIn("cpp", "#cpp .l.sel"));
  check("... and marks the Python line", await page.$eval(`#py-${notionalLine}`, (l) => l.classList.contains("sel")));

  // Scroll the Python pane away, then click a C++ line of the first method: its Python line comes back.
  await page.$eval("#py", (p) => { p.scrollTop = p.scrollHeight; });
  const addLine = source.findIndex((l) => l.includes("def add(")) + 1 + 2;  // `book.append(order)`
  const cppOfAdd = await page.$(`#cpp .l[data-py="${addLine}"]`);
  check("the C++ of a method body is mapped", cppOfAdd !== null, `line ${addLine}`);
  if (cppOfAdd) {
    await cppOfAdd.scrollIntoViewIfNeeded();
    await cppOfAdd.click();
    check("clicking a C++ line selects its Python line", await page.$eval(`#py-${addLine}`, (l) => l.classList.contains("sel")));
    check("... and scrolls it into view", await visibleIn("py", `#py-${addLine}`));
  }

  // A stub link.
  const lastStub = reportLines[reportLines.length - 1];
  await page.click(`#stubs a[data-goto="${lastStub}"]`);
  check("a stub link selects its line", (await page.evaluate(() => document.body.dataset.selected)) === String(lastStub));
  check("... and shows it", await visibleIn("py", `#py-${lastStub}`));

  // An address with #py-N.
  await page.goto(pageUrl + `#py-${reportLines[0]}`);
  await page.reload();
  check("#py-N in the address selects line N", (await page.evaluate(() => document.body.dataset.selected)) === String(reportLines[0]));

  if (args.screenshot) {
    await page.goto(pageUrl);
    await page.click(`#py-${notionalLine}`);
    await page.screenshot({ path: args.screenshot });
    console.log(`screenshot: ${args.screenshot}`);
  }

  // --- the batch index ---
  const indexUrl = pathToFileURL(path.join(batch, "review", "index.html")).href;
  await page.goto(indexUrl);
  const rows = await page.$$eval("#modules tbody tr", (trs) => trs.map((tr) => ({
    module: tr.cells[0].textContent, link: tr.cells[0].querySelector("a")?.getAttribute("href") ?? "", status: tr.cells[4].textContent,
  })));
  const names = rows.map((r) => r.module).sort().join(",");
  check("the index lists every module", names === "broken,orders,pricing", names);
  const broken = rows.find((r) => r.module === "broken");
  check("a failed module: no link, its error", broken && broken.link === "" && broken.status.startsWith("failed: line 1"),
        JSON.stringify(broken));
  for (const r of rows.filter((r) => r.link)) {
    await page.goto(indexUrl);
    await page.click(`#modules a[href="${r.link}"]`);
    await page.waitForLoadState();
    check(`index link opens ${r.module}'s page`, (await page.title()).startsWith(`${r.module}.py`), await page.title());
  }
  await page.click("header .nav a");
  await page.waitForLoadState();
  check("a page links back to the index", page.url() === indexUrl, page.url());

  check("no console or page errors", problems.length === 0, problems.join(" | "));
  check("nothing loaded from the network", external.length === 0, external.join(" "));
} finally {
  await browser.close();
}

console.log(failures ? `${failures} failed` : "all passed");
process.exit(failures ? 1 : 0);
