// Graphs of a server's or node's series (monitoring's metrics API), drawn with uPlot, refreshed every 15 s.
// The section carries the API URL (data-url); each figure names its metrics (data-metrics) and their unit (data-unit).
(function () {
	'use strict';

	var REFRESH_MS = 15000;
	var COLOURS = ['#1d4ed8', '#047857', '#b45309', '#7c3aed'];

	function scaled(value, unit) {
		if (value == null) {
			return '–';
		}
		if (unit === '%') {
			return value.toFixed(1) + ' %';
		}
		if (unit === 'count' || unit === 'ops/s') {
			return (Math.round(value * 10) / 10) + (unit === 'ops/s' ? ' /s' : '');
		}
		var suffixes = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
		var i = 0;
		var v = Math.abs(value);
		while (v >= 1024 && i < suffixes.length - 1) {
			v /= 1024;
			i++;
		}
		return (value < 0 ? '-' : '') + (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ' + suffixes[i]
			+ (unit === 'bytes/s' ? '/s' : '');
	}

	function Graphs(section) {
		this.section = section;
		this.url = section.getAttribute('data-url');
		this.range = 3600;
		this.plots = [];
		this.status = section.querySelector('.graph-status');
		var self = this;
		section.querySelectorAll('[data-range]').forEach(function (button) {
			button.addEventListener('click', function () {
				self.range = parseInt(button.getAttribute('data-range'), 10);
				section.querySelectorAll('[data-range]').forEach(function (b) {
					b.setAttribute('aria-pressed', String(b === button));
				});
				self.load();
			});
		});
	}

	Graphs.prototype.load = function () {
		var self = this;
		var to = Math.floor(Date.now() / 1000);
		var from = to - this.range;
		var figures = Array.prototype.slice.call(this.section.querySelectorAll('.metric-graph'));
		var metrics = figures.map(function (f) { return f.getAttribute('data-metrics'); }).join(',');
		var url = this.url + '?metric=' + encodeURIComponent(metrics) + '&from=' + from + '&to=' + to;
		return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
			.then(function (response) {
				if (!response.ok) {
					throw new Error('The series could not be read (HTTP ' + response.status + ').');
				}
				return response.json();
			})
			.then(function (body) {
				figures.forEach(function (figure, index) { self.draw(figure, index, body, from, to); });
				self.status.textContent = 'Every ' + (body.step >= 60 ? (body.step / 60) + ' min' : body.step + ' s')
					+ ' a point; updated ' + new Date().toLocaleTimeString() + '.';
			})
			.catch(function (error) {
				self.status.textContent = error.message;
			});
	};

	Graphs.prototype.draw = function (figure, index, body, from, to) {
		var unit = figure.getAttribute('data-unit');
		var wanted = figure.getAttribute('data-metrics').split(',');
		var series = body.series.filter(function (s) { return wanted.indexOf(s.metric) >= 0; });
		var data = [body.timestamps].concat(series.map(function (s) { return s.values; }));
		var empty = body.timestamps.length === 0;
		figure.querySelector('.graph-empty').hidden = !empty;
		var canvas = figure.querySelector('.graph-canvas');
		var width = Math.max(240, canvas.clientWidth || figure.clientWidth || 300);
		if (this.plots[index]) {
			this.plots[index].destroy();
		}
		var options = {
			width: width,
			height: 180,
			scales: { x: { time: true, min: from, max: to }, y: unit === '%' ? { range: [0, 100] } : { auto: true } },
			axes: [{}, { size: 70, values: function (u, values) { return values.map(function (v) { return scaled(v, unit); }); } }],
			series: [{}].concat(series.map(function (s, i) {
				return { label: s.label, stroke: COLOURS[i % COLOURS.length], width: 1.5,
					value: function (u, v) { return scaled(v, unit); } };
			})),
			legend: { show: true }
		};
		this.plots[index] = new uPlot(options, data, canvas);
		figure.setAttribute('data-points', String(body.timestamps.length));
	};

	Graphs.prototype.resize = function () {
		this.section.querySelectorAll('.metric-graph').forEach(function (figure, index) {
			var plot = this.plots[index];
			var canvas = figure.querySelector('.graph-canvas');
			if (plot && canvas.clientWidth > 0) {
				plot.setSize({ width: canvas.clientWidth, height: 180 });
			}
		}, this);
	};

	function start() {
		document.querySelectorAll('.metric-graphs[data-url]').forEach(function (section) {
			var graphs = new Graphs(section);
			graphs.load();
			setInterval(function () {
				if (!document.hidden) {
					graphs.load();
				}
			}, REFRESH_MS);
			var timer;
			window.addEventListener('resize', function () {
				clearTimeout(timer);
				timer = setTimeout(function () { graphs.resize(); }, 150);
			});
		});
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', start);
	}
	else {
		start();
	}
}());
