// The hot-key heat map: one table per level, rows are keys (their operator-readable names), columns are time
// buckets, the colour of a cell is its estimated access count relative to the hottest cell of that level.
"use strict";

window.LeadsHeatMap = (function () {
  const hues = { http: 275, api: 214, db: 30 };

  function time(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function table(level) {
    const element = document.createElement("table");
    element.className = "heatmap";
    element.id = "heatmap-" + level.level;
    element.dataset.level = level.level;
    const caption = element.createCaption();
    caption.textContent = level.level + " level" + (level.keys.length === 0 ? ": no lookups sampled in the window" : "");

    const head = element.createTHead().insertRow();
    const keyHeader = document.createElement("th");
    keyHeader.textContent = "key";
    head.appendChild(keyHeader);
    level.buckets.forEach((bucket, i) => {
      const th = document.createElement("th");
      // Label every fifth bucket; the others carry their time in a tooltip.
      th.textContent = i % 5 === 0 ? time(bucket) : "";
      th.title = time(bucket);
      head.appendChild(th);
    });
    const totalHeader = document.createElement("th");
    totalHeader.textContent = "total";
    head.appendChild(totalHeader);

    const max = Math.max(1, ...level.keys.flatMap((k) => k.counts));
    const body = element.createTBody();
    for (const key of level.keys) {
      const row = body.insertRow();
      const name = document.createElement("th");
      name.className = "key";
      name.scope = "row";
      name.textContent = key.key;
      name.title = key.key;
      row.appendChild(name);
      key.counts.forEach((count, i) => {
        const cell = row.insertCell();
        cell.className = "cell";
        cell.textContent = String(count);
        cell.title = key.key + " at " + time(level.buckets[i]) + ": about " + count + " accesses";
        const share = count / max;
        cell.style.backgroundColor = count === 0 ? "#f4f5f7" : "hsl(" + hues[level.level] + ", 80%, " + (92 - share * 55) + "%)";
      });
      const total = row.insertCell();
      total.className = "total";
      total.textContent = String(key.total);
    }
    return element;
  }

  function render(container, heatMap) {
    container.replaceChildren(...heatMap.map(table));
  }

  return { render };
})();
