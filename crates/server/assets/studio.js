// The design studio in the browser: the practitioner draws on the photo (pointer events:
// mouse, pen and touch alike), every change is sent to the API, and the preview the
// server renders replaces the photo. Coordinates are the stored photo's own pixels.
"use strict";

(function () {
  const root = document.getElementById("studio");
  if (!root) return;
  const photoId = root.dataset.photo;
  const width = Number(root.dataset.width);
  const height = Number(root.dataset.height);
  const csrf = root.dataset.csrf;
  const $ = (id) => document.getElementById(id);
  const overlay = $("overlay");
  const preview = $("preview");
  const status = $("status");

  // What is drawn, in photo pixels.
  const drawing = {
    calibration: [],
    area: [],
    hairline: [],
    moles: [],
    scars: [[]],
    hair: [[]],
    // The head's outline (an ellipse: centre and radii), or null: the photo is flat.
    head: null,
  };
  // Where a drag of the head's outline started.
  let outlineFrom = null;
  // The point being dragged by the move tool: [its list, its index], or null.
  let moving = null;
  const MOLE_RADIUS_MM = 2.5;
  const CONTROLS = ["calibration-mm", "style", "density", "sessions", "hair", "skin", "uv", "after", "years"];
  const KEPT = `smp-studio-${photoId}`;

  // The drawing and choices outlive a reload of the page (this tab only).
  function keep() {
    const controls = {};
    for (const id of CONTROLS) controls[id] = $(id).value;
    controls.stage = document.querySelector("input[name=stage]:checked").value;
    sessionStorage.setItem(KEPT, JSON.stringify({ drawing: drawing, controls: controls }));
  }

  function restore() {
    try {
      const kept = JSON.parse(sessionStorage.getItem(KEPT) || "null");
      if (!kept) return;
      Object.assign(drawing, kept.drawing);
      for (const id of CONTROLS) if (kept.controls[id] !== undefined) $(id).value = kept.controls[id];
      const stage = document.querySelector(`input[name=stage][value=${kept.controls.stage}]`);
      if (stage) stage.checked = true;
    } catch (_) {
      sessionStorage.removeItem(KEPT);
    }
  }
  let strokeActive = false;

  function tool() {
    return document.querySelector("input[name=tool]:checked").value;
  }

  function mmPerPx() {
    const c = drawing.calibration;
    if (c.length < 2) return null;
    const span = Math.hypot(c[1][0] - c[0][0], c[1][1] - c[0][1]);
    const mm = Number($("calibration-mm").value);
    return span >= 10 && mm > 0 ? mm / span : null;
  }

  function closed(shapes) {
    return shapes.filter((s) => s.length >= 3);
  }

  // The design as the API takes it, or null while the scale or area is missing.
  function design() {
    const c = drawing.calibration;
    if (c.length < 2 || drawing.area.length < 3) return null;
    const d = {
      calibration: { from: c[0], to: c[1], mm: Number($("calibration-mm").value) },
      area: drawing.area,
      hairline: drawing.hairline,
      moles: drawing.moles,
      scars: closed(drawing.scars),
      existing_hair: closed(drawing.hair),
      style: $("style").value,
      sessions: Number($("sessions").value),
      density: Number($("density").value),
      hair: $("hair").value,
      uv: $("uv").value,
    };
    if ($("skin").value) d.skin = $("skin").value;
    if (drawing.head) d.head = drawing.head;
    return d;
  }

  function moment() {
    const stage = document.querySelector("input[name=stage]:checked").value;
    const q = new URLSearchParams({ after: $("after").value, stage: stage });
    if (stage === "healed") q.set("years", $("years").value);
    return q.toString();
  }

  // Drawing the marks over the photo.
  function sizeOverlay() {
    overlay.width = overlay.clientWidth * devicePixelRatio;
    overlay.height = overlay.clientHeight * devicePixelRatio;
    paint();
  }

  function paint() {
    const g = overlay.getContext("2d");
    g.clearRect(0, 0, overlay.width, overlay.height);
    if (!$("show-marks").checked) return;
    const s = overlay.width / width;
    const line = (points, colour, close, dash) => {
      if (points.length === 0) return;
      g.beginPath();
      g.setLineDash(dash || []);
      g.strokeStyle = colour;
      g.lineWidth = 2 * devicePixelRatio;
      points.forEach((p, i) => (i ? g.lineTo(p[0] * s, p[1] * s) : g.moveTo(p[0] * s, p[1] * s)));
      if (close && points.length > 2) g.closePath();
      g.stroke();
      points.forEach((p) => {
        g.fillStyle = colour;
        g.fillRect(p[0] * s - 3, p[1] * s - 3, 6, 6);
      });
    };
    line(drawing.calibration, "#ffd000", false, [6, 4]);
    line(drawing.area, "#39c", true);
    drawing.scars.forEach((p) => line(p, "#c6f", true, [4, 3]));
    drawing.hair.forEach((p) => line(p, "#9c6", true, [2, 3]));
    g.setLineDash([]);
    g.beginPath();
    g.strokeStyle = "#e33";
    g.lineWidth = 3 * devicePixelRatio;
    drawing.hairline.forEach((p, i) => (i ? g.lineTo(p[0] * s, p[1] * s) : g.moveTo(p[0] * s, p[1] * s)));
    g.stroke();
    if (drawing.head) {
      g.beginPath();
      g.setLineDash([10, 6]);
      g.strokeStyle = "#f90";
      g.lineWidth = 2 * devicePixelRatio;
      const [cx, cy] = drawing.head.centre;
      const [rx, ry] = drawing.head.radii;
      g.ellipse(cx * s, cy * s, rx * s, ry * s, 0, 0, 2 * Math.PI);
      g.stroke();
      g.setLineDash([]);
    }
    drawing.moles.forEach((m) => {
      g.beginPath();
      g.strokeStyle = "#fff";
      g.arc(m[0] * s, m[1] * s, Math.max(m[2] * s, 4), 0, 2 * Math.PI);
      g.stroke();
    });
  }

  // Pointer input: a click adds a point, a stroke draws the hairline.
  function photoPoint(event) {
    const box = overlay.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * width;
    const y = ((event.clientY - box.top) / box.height) * height;
    return [Math.round(Math.min(Math.max(x, 0), width)), Math.round(Math.min(Math.max(y, 0), height))];
  }

  overlay.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    overlay.setPointerCapture(event.pointerId);
    const p = photoPoint(event);
    switch (tool()) {
      case "calibrate":
        drawing.calibration = drawing.calibration.length >= 2 ? [p] : drawing.calibration.concat([p]);
        break;
      case "area":
        drawing.area.push(p);
        break;
      case "hairline":
        drawing.hairline = [p];
        strokeActive = true;
        break;
      case "mole": {
        const scale = mmPerPx();
        drawing.moles.push([p[0], p[1], scale ? Math.max(1, Math.round(MOLE_RADIUS_MM / scale)) : 10]);
        break;
      }
      case "scar":
        drawing.scars[drawing.scars.length - 1].push(p);
        break;
      case "hair":
        drawing.hair[drawing.hair.length - 1].push(p);
        break;
      case "head":
        outlineFrom = p;
        break;
      case "move":
        moving = nearestPoint(p);
        break;
    }
    paint();
    if (!strokeActive && !outlineFrom && tool() !== "move") changed();
  });

  // The drawn point nearest to p within a finger's reach (15 screen pixels), as [list, index].
  function nearestPoint(p) {
    const reach = (15 * width) / overlay.clientWidth;
    const lists = [drawing.area, drawing.hairline, drawing.calibration, drawing.moles]
      .concat(drawing.scars, drawing.hair);
    let best = null;
    let bestDistance = reach;
    for (const list of lists) {
      list.forEach((q, i) => {
        const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
        if (d < bestDistance) {
          bestDistance = d;
          best = [list, i];
        }
      });
    }
    return best;
  }

  // The outline is the ellipse inside the box dragged across the head.
  function outlineTo(p) {
    const rx = Math.abs(p[0] - outlineFrom[0]) / 2;
    const ry = Math.abs(p[1] - outlineFrom[1]) / 2;
    drawing.head = rx >= 10 && ry >= 10
      ? { centre: [(p[0] + outlineFrom[0]) / 2, (p[1] + outlineFrom[1]) / 2], radii: [rx, ry] }
      : null;
  }

  overlay.addEventListener("pointermove", (event) => {
    if (moving) {
      const p = photoPoint(event);
      const [list, i] = moving;
      // A mole keeps its size.
      list[i] = list === drawing.moles ? [p[0], p[1], list[i][2]] : p;
      paint();
      return;
    }
    if (outlineFrom) {
      outlineTo(photoPoint(event));
      paint();
      return;
    }
    if (!strokeActive) return;
    const p = photoPoint(event);
    const last = drawing.hairline[drawing.hairline.length - 1];
    // Keep a point every few pixels of the photo: smooth enough, small to send.
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= Math.max(4, width / 400)) {
      drawing.hairline.push(p);
      paint();
    }
  });

  function endStroke(event) {
    if (moving) {
      moving = null;
      paint();
      changed();
      return;
    }
    if (outlineFrom) {
      outlineTo(photoPoint(event));
      outlineFrom = null;
      paint();
      changed();
      return;
    }
    if (!strokeActive) return;
    strokeActive = false;
    const p = photoPoint(event);
    const last = drawing.hairline[drawing.hairline.length - 1];
    if (p[0] !== last[0] || p[1] !== last[1]) drawing.hairline.push(p);
    paint();
    changed();
  }
  overlay.addEventListener("pointerup", endStroke);
  overlay.addEventListener("pointercancel", endStroke);

  $("undo").addEventListener("click", () => {
    const t = tool();
    const list = {
      calibrate: drawing.calibration,
      area: drawing.area,
      hairline: drawing.hairline,
      mole: drawing.moles,
      scar: drawing.scars[drawing.scars.length - 1],
      hair: drawing.hair[drawing.hair.length - 1],
    }[t];
    if (t === "head") drawing.head = null;
    else if (list) list.pop();
    paint();
    changed();
  });
  $("close-shape").addEventListener("click", () => {
    for (const shapes of [drawing.scars, drawing.hair]) {
      if (shapes[shapes.length - 1].length >= 3) shapes.push([]);
    }
    changed();
  });
  $("clear-tool").addEventListener("click", () => {
    const t = tool();
    if (t === "calibrate") drawing.calibration = [];
    if (t === "area") drawing.area = [];
    if (t === "hairline") drawing.hairline = [];
    if (t === "mole") drawing.moles = [];
    if (t === "scar") drawing.scars = [[]];
    if (t === "hair") drawing.hair = [[]];
    if (t === "head") drawing.head = null;
    paint();
    changed();
  });
  $("show-marks").addEventListener("change", paint);

  // Zoom: the stage grows inside its scrolling viewport (the dots of a 1600 px photo are a
  // pixel or two wide), keeping the middle of the view where it was.
  $("zoom").addEventListener("change", () => {
    const view = $("viewport");
    const stage = $("stage");
    const middle = [
      (view.scrollLeft + view.clientWidth / 2) / stage.clientWidth,
      (view.scrollTop + view.clientHeight / 2) / stage.clientHeight,
    ];
    stage.style.width = `${Number($("zoom").value) * 100}%`;
    view.scrollLeft = middle[0] * stage.clientWidth - view.clientWidth / 2;
    view.scrollTop = middle[1] * stage.clientHeight - view.clientHeight / 2;
  });

  // Starting from one of the engine's patterns: the server lays it on the photo inside the
  // head's outline; the drawing it replaces can be brought back.
  let beforePattern = null;
  $("lay-pattern").addEventListener("click", async () => {
    const out = $("pattern-status");
    const c = drawing.calibration;
    if (c.length < 2) {
      out.textContent = "Set the scale first: two points and their distance.";
      return;
    }
    if (!drawing.head) {
      out.textContent = "Drag the head's outline first: the pattern is laid inside it.";
      return;
    }
    const body = {
      pattern: $("pattern").value,
      style: $("style").value,
      calibration: { from: c[0], to: c[1], mm: Number($("calibration-mm").value) },
      head: drawing.head,
    };
    const response = await fetch(`/api/v1/photos/${photoId}/starting-drawing`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    if (!response.ok) {
      out.textContent = await problem(response);
      return;
    }
    const laid = await response.json();
    beforePattern = JSON.parse(JSON.stringify(drawing));
    drawing.area = laid.area;
    drawing.hairline = laid.hairline;
    drawing.hair = laid.existing_hair.concat([[]]);
    drawing.scars = laid.scars.concat([[]]);
    const name = $("pattern").selectedOptions[0].textContent;
    const head = laid.head_mm;
    const more = laid.patches_left_out
      ? ` ${laid.patches_left_out} more patch(es) in view left out: the studio treats one area per design.`
      : "";
    out.textContent = `${name} laid on the photo (the head fitted to the outline: ${Math.round(head.width)} mm wide, ${Math.round(head.length)} mm long).${more} Choose "Move a point" to fit it to the client.`;
    $("unlay-pattern").hidden = false;
    paint();
    changed();
  });
  $("unlay-pattern").addEventListener("click", () => {
    if (!beforePattern) return;
    Object.assign(drawing, beforePattern);
    beforePattern = null;
    $("unlay-pattern").hidden = true;
    $("pattern-status").textContent = "Your own drawing is back.";
    paint();
    changed();
  });

  // Talking to the API: the newest request wins, one at a time.
  let previewWanted = null;
  let previewBusy = false;
  let summaryKey = "";
  let previewsShown = 0;

  function headers() {
    return { "Content-Type": "application/json", "X-CSRF-Token": csrf };
  }

  async function problem(response) {
    try {
      const p = await response.json();
      return p.detail || response.statusText;
    } catch (_) {
      return response.statusText;
    }
  }

  async function runPreview() {
    if (previewBusy || !previewWanted) return;
    previewBusy = true;
    const { body, query } = previewWanted;
    previewWanted = null;
    const started = performance.now();
    try {
      const response = await fetch(`/api/v1/photos/${photoId}/preview?${query}`, {
        method: "POST",
        headers: headers(),
        body: body,
        credentials: "same-origin",
      });
      if (response.ok) {
        const blob = await response.blob();
        const old = preview.src;
        preview.src = URL.createObjectURL(blob);
        await preview.decode().catch(() => {});
        if (old) URL.revokeObjectURL(old);
        preview.hidden = false;
        previewsShown += 1;
        preview.dataset.moment = query;
        preview.dataset.shown = String(previewsShown);
        status.textContent = `Preview ${describe(query)} · ${Math.round(performance.now() - started)} ms`;
      } else {
        status.textContent = await problem(response);
      }
    } catch (error) {
      status.textContent = `The preview did not load: ${error}`;
    }
    previewBusy = false;
    runPreview();
  }

  function describe(query) {
    const q = new URLSearchParams(query);
    const years = Number(q.get("years") || 0);
    const stage = q.get("stage") === "fresh" ? "fresh" : years ? `healed, ${years} years on` : "healed";
    return `after session ${q.get("after")}, ${stage}`;
  }

  async function refreshSummary(body) {
    if (body === summaryKey) return;
    summaryKey = body;
    const response = await fetch(`/api/v1/photos/${photoId}/summary`, {
      method: "POST",
      headers: headers(),
      body: body,
      credentials: "same-origin",
    });
    if (!response.ok) {
      $("summary").textContent = await problem(response);
      return;
    }
    const s = await response.json();
    const skin = s.skin.sampled ? `sampled from the photo inside the area (${s.skin.hex})` : `as chosen (${s.skin.monk ? "Monk " + s.skin.monk : s.skin.hex})`;
    const box = $("summary");
    box.className = "";
    box.innerHTML = "";
    const add = (tag, text, id) => {
      const el = document.createElement(tag);
      el.textContent = text;
      if (id) el.id = id;
      box.appendChild(el);
      return el;
    };
    add("p", `${s.treated_cm2} cm² treated · ${s.total_dots} dots · ${s.mm_per_px.toFixed(3)} mm a pixel`, "summary-total");
    add("p", s.follows_curvature
      ? "Dots follow the scalp's curvature inside the head's outline."
      : "The photo is taken as flat: drag the head's outline to follow the scalp's curvature.", "summary-curvature");
    add("p", `Skin ${skin}.`, "summary-skin");
    const list = add("ul", "", "shades");
    s.pigment.sessions.forEach((shade, i) => {
      const li = document.createElement("li");
      const count = s.sessions[i];
      li.textContent = `Session ${shade.session}: ${shade.name}, ${count.dots} dots, about ${count.needle_minutes} min at the needle. ${shade.reason}`;
      list.appendChild(li);
    });
    add("p", `Touch-up due in about ${Math.round(s.touch_up_years)} years with ${$("uv").value} sun.`);
  }

  function changed() {
    keep();
    const after = $("after");
    after.max = $("sessions").value;
    if (Number(after.value) > Number(after.max)) after.value = after.max;
    $("after-out").textContent = after.value;
    $("years-out").textContent = $("years").value;
    $("density-out").textContent = $("density").value;
    const scale = mmPerPx();
    $("scale").textContent = scale
      ? `${scale.toFixed(3)} mm a pixel (${drawing.calibration.length === 2 ? "from your two points" : ""}).`
      : "Click two points on the photo, then give their distance.";
    document.querySelectorAll("a.before-after").forEach((a) => {
      a.href = a.href.split("?")[0] + "?" + moment();
    });
    const d = design();
    if (!d) {
      status.textContent = drawing.calibration.length < 2
        ? "Click two points a known distance apart, then give the distance."
        : "Click the corners of the treatment area.";
      return;
    }
    const body = JSON.stringify(d);
    previewWanted = { body: body, query: moment() };
    runPreview();
    refreshSummary(body).catch((e) => ($("summary").textContent = String(e)));
  }

  for (const id of CONTROLS) $(id).addEventListener("input", changed);
  document.querySelectorAll("input[name=stage]").forEach((r) => r.addEventListener("change", changed));

  $("save").addEventListener("click", async () => {
    const d = design();
    const out = $("save-status");
    if (!d) {
      out.textContent = "Draw the scale and the area first.";
      return;
    }
    const body = { design: d, note: $("version-note").value };
    if ($("course").value) body.course_id = Number($("course").value);
    const response = await fetch(`/api/v1/photos/${photoId}/designs`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    if (response.ok) {
      const saved = await response.json();
      out.textContent = `Saved as version ${saved.version}.`;
      // The list of versions is the server's: show it with this one (the drawing stays).
      setTimeout(() => location.reload(), 800);
    } else {
      out.textContent = await problem(response);
    }
  });

  new ResizeObserver(sizeOverlay).observe(overlay);
  $("photo").addEventListener("load", sizeOverlay);
  restore();
  changed();
})();
