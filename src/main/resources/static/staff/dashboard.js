// Draws the dashboard's charts from the figures the page embeds (script#dashboard-data); Chart.js is served by the
// application itself (/webjars/chart.js/...). Without it, the tables beside each chart hold the same numbers.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') {
    return;
  }
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var colours = ['#0b57d0', '#188038', '#c45100', '#a142f4', '#d93025', '#007b83', '#b06000', '#5f6368'];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false;

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      new Chart(canvas, config);
      canvas.setAttribute('data-drawn', 'true');
    }
  }

  draw('chart-by-status', {
    type: 'bar',
    data: { labels: data.openByStatus.labels,
            datasets: [{ label: data.labels.requests, data: data.openByStatus.values, backgroundColor: '#0b57d0' }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });

  draw('chart-days-left', {
    type: 'bar',
    data: { labels: data.daysLeft.labels, datasets: [
      { label: data.labels.onTime, data: data.daysLeft.onTime, backgroundColor: '#188038' },
      { label: data.labels.dueSoon, data: data.daysLeft.dueSoon, backgroundColor: '#f29900' },
      { label: data.labels.overdue, data: data.daysLeft.overdue, backgroundColor: '#d93025' }] },
    options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } }
  });

  function lines(series, unit) {
    return Object.keys(series).map(function (label, i) {
      return { label: label, data: series[label], borderColor: colours[i % colours.length],
               backgroundColor: colours[i % colours.length], borderWidth: i === 0 ? 3 : 1.5, spanGaps: true,
               hidden: i > 3 };
    });
  }

  draw('chart-on-time', {
    type: 'line',
    data: { labels: data.months, datasets: lines(data.onTimeRate) },
    options: { scales: { y: { min: 0, max: 100, title: { display: true, text: data.labels.percent } } } }
  });

  draw('chart-median', {
    type: 'line',
    data: { labels: data.months, datasets: lines(data.medianDays) },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: data.labels.days } } } }
  });

  draw('chart-refusals', {
    type: 'bar',
    data: { labels: data.refusals.labels,
            datasets: [{ label: data.labels.requests, data: data.refusals.values, backgroundColor: '#d93025' }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } },
               scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
}());
