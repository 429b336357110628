// exosh's mesh viewer: draws the surface and fields that export_html
// embeds in the page (the JSON in #exosh-data) with WebGL 1. Drag to
// rotate, shift-drag or right-drag to pan, wheel to zoom; the field
// chooser, the timestep slider and the reset button are in the top bar.
(function () {
  "use strict";
  var errors = document.getElementById("errors");
  function fail(msg) {
    errors.textContent += msg + "\n";
    document.getElementById("status").textContent = "error";
  }
  window.addEventListener("error", function (e) { fail(String(e.message)); });

  function bytes(b64) {
    var s = atob(b64), a = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
    return a.buffer;
  }
  var data = JSON.parse(document.getElementById("exosh-data").textContent);
  var P = new Float32Array(bytes(data.points));
  var T = new Uint32Array(bytes(data.tris));
  var E = new Uint8Array(bytes(data.edges));
  var cmap = new Uint8Array(bytes(data.colormap));
  var nt = T.length / 3;

  // With a displacement field, data.stepPoints holds the displaced points
  // of each timestep, and the shape follows the slider.
  var stepP = data.stepPoints ? data.stepPoints.map(function (b) { return new Float32Array(bytes(b)); }) : null;

  // Every triangle gets its own three vertices: flat normals, element
  // values constant per face, and barycentric coordinates for the edges
  // (a component pinned at 1 where that edge is not a face side).
  var pos = new Float32Array(9 * nt), nrm = new Float32Array(9 * nt), bary = new Float32Array(9 * nt);
  function shape(P) {
    for (var t = 0; t < nt; t++) {
      var a = 3 * T[3 * t], b = 3 * T[3 * t + 1], c = 3 * T[3 * t + 2];
      var ux = P[b] - P[a], uy = P[b + 1] - P[a + 1], uz = P[b + 2] - P[a + 2];
      var vx = P[c] - P[a], vy = P[c + 1] - P[a + 1], vz = P[c + 2] - P[a + 2];
      var nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
      var idx = [a, b, c];
      for (var k = 0; k < 3; k++) {
        var o = 9 * t + 3 * k;
        pos[o] = P[idx[k]]; pos[o + 1] = P[idx[k] + 1]; pos[o + 2] = P[idx[k] + 2];
        nrm[o] = nx; nrm[o + 1] = ny; nrm[o + 2] = nz;
      }
    }
  }
  shape(P);
  for (var t = 0; t < nt; t++) {
    var f = E[t];
    // Edge k joins vertices k and k+1: it is where the weight of vertex
    // k+2 is zero.
    var pin = [(f & 2) ? 0 : 1, (f & 4) ? 0 : 1, (f & 1) ? 0 : 1];
    for (var k = 0; k < 3; k++) {
      for (var j = 0; j < 3; j++) bary[9 * t + 3 * k + j] = (j === k ? 1 : 0) + pin[j];
    }
  }
  // The camera frames the box of every shape shown.
  var lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  (stepP || [P]).forEach(function (Q) {
    for (var i = 0; i < Q.length; i += 3) {
      for (var d = 0; d < 3; d++) { lo[d] = Math.min(lo[d], Q[i + d]); hi[d] = Math.max(hi[d], Q[i + d]); }
    }
  });
  var centre = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];

  var canvas = document.getElementById("view");
  var gl = canvas.getContext("webgl", { antialias: true, preserveDrawingBuffer: true });
  if (!gl) { fail("WebGL is not available"); return; }
  var deriv = gl.getExtension("OES_standard_derivatives");
  var vsrc =
    "attribute vec3 aPos, aNrm, aBary; attribute float aVal;\n" +
    "uniform mat4 uMV, uP; varying vec3 vN, vB; varying float vV;\n" +
    "void main() { gl_Position = uP * uMV * vec4(aPos, 1.0);\n" +
    "  vN = (uMV * vec4(aNrm, 0.0)).xyz; vB = aBary; vV = aVal; }\n";
  var fsrc = (deriv ? "#extension GL_OES_standard_derivatives : enable\n" : "") +
    "precision mediump float; uniform sampler2D uCmap; uniform float uEdges;\n" +
    "varying vec3 vN, vB; varying float vV;\n" +
    "void main() {\n" +
    "  vec3 c = vV < 0.0 ? vec3(0.78, 0.80, 0.84) : texture2D(uCmap, vec2(clamp(vV, 0.0, 1.0) * 255.0 / 256.0 + 0.5 / 256.0, 0.5)).rgb;\n" +
    "  float l = length(vN); float s = l > 0.0 ? abs(dot(vN / l, normalize(vec3(-0.25, 0.35, 1.0)))) : 1.0;\n" +
    "  c *= 0.35 + 0.65 * s;\n" +
    (deriv ? "  if (uEdges > 0.5) { float e = min(min(vB.x, vB.y), vB.z); if (e < fwidth(e) * 1.1) c *= 0.25; }\n" : "") +
    "  gl_FragColor = vec4(c, 1.0); }\n";
  function shader(type, src) {
    var s = gl.createShader(type);
    gl.shaderSource(s, src);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error("shader: " + gl.getShaderInfoLog(s));
    return s;
  }
  var prog = gl.createProgram();
  gl.attachShader(prog, shader(gl.VERTEX_SHADER, vsrc));
  gl.attachShader(prog, shader(gl.FRAGMENT_SHADER, fsrc));
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error("program: " + gl.getProgramInfoLog(prog));
  gl.useProgram(prog);
  function attrib(name, array, size) {
    var buf = gl.createBuffer(), loc = gl.getAttribLocation(prog, name);
    gl.bindBuffer(gl.ARRAY_BUFFER, buf);
    gl.bufferData(gl.ARRAY_BUFFER, array, gl.STATIC_DRAW);
    gl.enableVertexAttribArray(loc);
    gl.vertexAttribPointer(loc, size, gl.FLOAT, false, 0, 0);
    return buf;
  }
  var posBuf = attrib("aPos", pos, 3);
  var nrmBuf = attrib("aNrm", nrm, 3);
  attrib("aBary", bary, 3);
  var vals = new Float32Array(3 * nt);
  var valBuf = attrib("aVal", vals, 1);
  var tex = gl.createTexture();
  var texels = new Uint8Array(4 * 256);
  for (var i = 0; i < 256; i++) {
    texels[4 * i] = cmap[3 * i]; texels[4 * i + 1] = cmap[3 * i + 1]; texels[4 * i + 2] = cmap[3 * i + 2]; texels[4 * i + 3] = 255;
  }
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 256, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, texels);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  gl.uniform1i(gl.getUniformLocation(prog, "uCmap"), 0);
  var uMV = gl.getUniformLocation(prog, "uMV"), uP = gl.getUniformLocation(prog, "uP"), uEdges = gl.getUniformLocation(prog, "uEdges");
  gl.enable(gl.DEPTH_TEST);

  // Fields: the chooser lists "none" and each field; the slider picks the
  // timestep.
  var chooser = document.getElementById("field"), slider = document.getElementById("step");
  var timeLabel = document.getElementById("time"), edgesBox = document.getElementById("edges");
  chooser.add(new Option("(no field)", "-1"));
  data.fields.forEach(function (f, i) { chooser.add(new Option(f.name + (f.kind === "element" ? " (element)" : ""), String(i))); });
  chooser.value = data.fields.length ? "0" : "-1";
  slider.max = String(Math.max(0, data.times.length - 1));
  slider.value = slider.max;
  var steps = {};
  function values(fi, s) {
    var key = fi + ":" + s;
    if (!steps[key]) steps[key] = new Float32Array(bytes(data.fields[fi].steps[s]));
    return steps[key];
  }
  function update() {
    view.fit = null;
    var fi = Number(chooser.value), s = Number(slider.value);
    timeLabel.textContent = data.times.length ? "time " + data.times[s] : "";
    if (fi < 0) {
      vals.fill(-1);
    } else {
      var f = data.fields[fi], v = values(fi, s), r0 = f.range[0], r1 = f.range[1];
      var norm = function (x) { return x !== x ? -1 : (r1 > r0 ? Math.min(1, Math.max(0, (x - r0) / (r1 - r0))) : 0.5); };
      for (var t = 0; t < nt; t++) {
        for (var k = 0; k < 3; k++) vals[3 * t + k] = norm(f.kind === "element" ? v[t] : v[T[3 * t + k]]);
      }
    }
    if (stepP && stepP[s]) {
      shape(stepP[s]);
      gl.bindBuffer(gl.ARRAY_BUFFER, posBuf);
      gl.bufferData(gl.ARRAY_BUFFER, pos, gl.DYNAMIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, nrmBuf);
      gl.bufferData(gl.ARRAY_BUFFER, nrm, gl.DYNAMIC_DRAW);
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, valBuf);
    gl.bufferData(gl.ARRAY_BUFFER, vals, gl.DYNAMIC_DRAW);
    colorbar(fi < 0 ? null : data.fields[fi].range);
    draw();
  }

  // The colour bar, low values at the bottom, with five labelled ticks.
  function colorbar(range) {
    var cb = document.getElementById("colorbar"), g = cb.getContext("2d");
    g.clearRect(0, 0, cb.width, cb.height);
    if (!range) return;
    var top = 10, h = cb.height - 20, w = 20;
    for (var y = 0; y < h; y++) {
      var k = Math.round(255 * (1 - y / (h - 1)));
      g.fillStyle = "rgb(" + cmap[3 * k] + "," + cmap[3 * k + 1] + "," + cmap[3 * k + 2] + ")";
      g.fillRect(4, top + y, w, 1);
    }
    g.strokeStyle = "#333"; g.strokeRect(3.5, top - 0.5, w + 1, h + 1);
    g.fillStyle = "#222"; g.font = "12px sans-serif"; g.textBaseline = "middle";
    for (var i = 0; i <= 4; i++) {
      var v = range[0] + (range[1] - range[0]) * i / 4, yy = top + (h - 1) * (1 - i / 4);
      g.fillRect(w + 4, yy, 5, 1);
      g.fillText(Number(v.toPrecision(4)).toString(), w + 12, yy);
    }
  }

  // The camera: azimuth and elevation as in export_png, a zoom and a pan.
  var view = {};
  function reset() {
    view.az = data.view[0]; view.el = data.view[1]; view.zoom = 1; view.panX = 0; view.panY = 0;
    view.fit = null;
    draw();
  }
  function axes() {
    var a = view.az * Math.PI / 180, e = view.el * Math.PI / 180;
    var dir = [Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)];
    var right = [-Math.sin(a), Math.cos(a), 0];
    var up = [dir[1] * right[2] - dir[2] * right[1], dir[2] * right[0] - dir[0] * right[2], dir[0] * right[1] - dir[1] * right[0]];
    return [right, up, dir];
  }
  function draw() {
    var w = canvas.clientWidth * (window.devicePixelRatio || 1), h = canvas.clientHeight * (window.devicePixelRatio || 1);
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    // Leave room for the colour bar on the right when there is one.
    var bw = Number(chooser.value) >= 0 ? 110 * (window.devicePixelRatio || 1) : 0;
    var ax = axes(), r = ax[0], u = ax[1], d = ax[2];
    if (!view.fit) {
      // Frame the bounding box's corners in 90% of the limiting side.
      var umin = Infinity, umax = -Infinity, vmin = Infinity, vmax = -Infinity;
      for (var c = 0; c < 8; c++) {
        var p = [(c & 1) ? hi[0] : lo[0], (c & 2) ? hi[1] : lo[1], (c & 4) ? hi[2] : lo[2]];
        var pu = p[0] * r[0] + p[1] * r[1] + p[2] * r[2], pv = p[0] * u[0] + p[1] * u[1] + p[2] * u[2];
        umin = Math.min(umin, pu); umax = Math.max(umax, pu); vmin = Math.min(vmin, pv); vmax = Math.max(vmax, pv);
      }
      view.fit = 0.9 * Math.min((w - bw) / Math.max(umax - umin, 1e-300), h / Math.max(vmax - vmin, 1e-300));
    }
    var radius = Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2], 1e-300) * 2;
    var s = view.fit * view.zoom;
    // Model-view: rows right, up, dir, about the centre; projection:
    // pixels to clip space (orthographic).
    var mv = new Float32Array(16);
    for (var k = 0; k < 3; k++) { mv[4 * k] = r[k]; mv[4 * k + 1] = u[k]; mv[4 * k + 2] = d[k]; }
    mv[12] = -(r[0] * centre[0] + r[1] * centre[1] + r[2] * centre[2]);
    mv[13] = -(u[0] * centre[0] + u[1] * centre[1] + u[2] * centre[2]);
    mv[14] = -(d[0] * centre[0] + d[1] * centre[1] + d[2] * centre[2]);
    mv[15] = 1;
    var pr = new Float32Array(16);
    pr[0] = 2 * s / w; pr[5] = 2 * s / h; pr[10] = -1 / radius; pr[15] = 1;
    pr[12] = 2 * (view.panX - bw / 2) / w; pr[13] = -2 * view.panY / h;
    gl.viewport(0, 0, w, h);
    gl.clearColor(1, 1, 1, 1);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    gl.uniformMatrix4fv(uMV, false, mv);
    gl.uniformMatrix4fv(uP, false, pr);
    gl.uniform1f(uEdges, edgesBox.checked ? 1 : 0);
    gl.drawArrays(gl.TRIANGLES, 0, 3 * nt);
  }

  var drag = null;
  canvas.addEventListener("contextmenu", function (e) { e.preventDefault(); });
  canvas.addEventListener("pointerdown", function (e) {
    drag = { x: e.clientX, y: e.clientY, pan: e.shiftKey || e.button === 2 };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointerup", function () { drag = null; });
  canvas.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    drag.x = e.clientX; drag.y = e.clientY;
    var dpr = window.devicePixelRatio || 1;
    if (drag.pan) { view.panX += dx * dpr; view.panY += dy * dpr; } else {
      view.az -= dx * 0.4;
      view.el = Math.max(-90, Math.min(90, view.el + dy * 0.4));
    }
    draw();
  });
  canvas.addEventListener("wheel", function (e) {
    e.preventDefault();
    view.zoom *= Math.exp(-e.deltaY * 0.001);
    draw();
  }, { passive: false });
  window.addEventListener("resize", function () { view.fit = null; draw(); });
  chooser.addEventListener("change", update);
  slider.addEventListener("input", update);
  edgesBox.addEventListener("change", draw);
  document.getElementById("reset").addEventListener("click", reset);

  reset();
  update();
  requestAnimationFrame(function () {
    if (document.getElementById("status").textContent !== "error") document.getElementById("status").textContent = "ready";
  });
})();
