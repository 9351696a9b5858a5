// The py2cpp review page: Python and C++ linked line by line. Each C++ line that came from a
// Python line carries data-py; clicking a line on either side selects that Python line and every
// C++ line generated from it, and scrolls the other side to them.
(function () {
  "use strict";
  const cppByPy = new Map();
  for (const el of document.querySelectorAll("#cpp .l[data-py]")) {
    const key = el.dataset.py;
    if (!cppByPy.has(key)) cppByPy.set(key, []);
    cppByPy.get(key).push(el);
  }

  function reveal(el) {
    el.scrollIntoView({ block: "center", inline: "nearest" });
  }

  function select(pyLine, clicked) {
    for (const el of document.querySelectorAll(".l.sel")) el.classList.remove("sel");
    const py = document.getElementById("py-" + pyLine);
    if (!py) return;
    const cpp = cppByPy.get(String(pyLine)) || [];
    py.classList.add("sel");
    for (const el of cpp) el.classList.add("sel");
    if (clicked !== "py") reveal(py);
    if (clicked !== "cpp" && cpp.length) reveal(cpp[0]);
    document.body.dataset.selected = String(pyLine);
  }

  document.getElementById("py").addEventListener("click", (e) => {
    const line = e.target.closest(".l");
    if (line) select(line.dataset.line, "py");
  });
  document.getElementById("cpp").addEventListener("click", (e) => {
    const line = e.target.closest(".l[data-py]");
    if (line) select(line.dataset.py, "cpp");
  });
  for (const a of document.querySelectorAll("a[data-goto]")) {
    a.addEventListener("click", (e) => {
      e.preventDefault();
      select(a.dataset.goto, "link");
    });
  }
  const hash = /^#py-(\d+)$/.exec(location.hash);
  if (hash) select(hash[1], "link");
})();
