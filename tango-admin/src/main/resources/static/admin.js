// The administration pages' behaviour: live job progress, activation, rollback,
// cancellation, data set uploads and calibration, all through the REST API of the same origin.
(function () {
	'use strict';

	const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

	// The page's own origin: a page opened as http://user:password@host/ would otherwise
	// give fetch() a URL with credentials, which it refuses.
	// A FormData body goes as a multipart form, anything else as JSON.
	function api(path, method, body) {
		const options = { method: method || 'GET', headers: { 'Accept': 'application/json' } };
		if (body instanceof FormData) {
			options.body = body;
		}
		else if (body !== undefined) {
			options.headers['Content-Type'] = 'application/json';
			options.body = JSON.stringify(body);
		}
		return fetch(location.origin + path, options).then(function (response) {
			return response.text().then(function (text) {
				const value = text ? JSON.parse(text) : null;
				if (!response.ok) {
					throw new Error((value && (value.detail || value.title)) || ('HTTP ' + response.status));
				}
				return value;
			});
		});
	}

	function show(message) {
		const element = document.getElementById('message');
		if (element) {
			element.textContent = message;
			element.hidden = false;
		}
	}

	function renderJob(element, job) {
		const progress = job.progress;
		element.dataset.jobStatus = job.status;
		element.querySelector('.status').textContent = job.status + (job.cancelRequested && job.status === 'RUNNING' ? ' (cancelling)' : '');
		element.querySelector('.fill').style.width = progress.percent + '%';
		element.querySelector('.percent').textContent = progress.percent.toFixed(1) + '%';
		element.querySelector('.phase').textContent = progress.phase || '';
		element.querySelector('.items').textContent = progress.itemsTotal ? progress.itemsDone + ' / ' + progress.itemsTotal : '';
		const eta = progress.etaAt && job.status === 'RUNNING' ? new Date(progress.etaAt) : null;
		element.querySelector('.eta').textContent = eta ? 'done at about ' + eta.toLocaleTimeString() : '';
		if (element.id === 'job-progress') {
			const error = document.getElementById('job-error');
			const result = document.getElementById('job-result');
			const links = document.getElementById('job-links');
			if (error) {
				error.textContent = job.error || '';
			}
			if (result) {
				result.textContent = job.result ? JSON.stringify(job.result, null, 2) : '';
			}
			if (links && job.result && job.result.newVersion && job.result.cascade) {
				links.innerHTML = '';
				const link = document.createElement('a');
				link.id = 'new-version';
				link.href = '/ui/cascades/' + encodeURIComponent(job.result.cascade) + '?calibrated=' + job.result.newVersion;
				link.textContent = 'Version ' + job.result.newVersion + ' of ' + job.result.cascade;
				links.appendChild(link);
			}
			if (links && job.status === 'SUCCEEDED' && job.result && job.result.download) {
				links.innerHTML = '';
				const link = document.createElement('a');
				link.id = 'download-results';
				link.href = job.result.download;
				link.textContent = 'Download the results (' + job.result.rows + ' rows)';
				links.appendChild(link);
			}
		}
	}

	// The curves are drawn by the server: the running job's page swaps in the fresh drawing.
	function refreshCurves(job) {
		const curves = document.getElementById('job-curves');
		if (!curves || Object.keys(job.curves || {}).length === 0) {
			return;
		}
		fetch(location.origin + '/ui/jobs/' + job.id + '/curves', { headers: { 'Accept': 'text/html' } })
			.then(function (response) { return response.ok ? response.text() : null; })
			.then(function (html) {
				if (html) {
					curves.outerHTML = html;
				}
			});
	}

	function watch(element) {
		api('/api/jobs/' + element.dataset.jobId).then(function (job) {
			renderJob(element, job);
			if (element.id === 'job-progress') {
				refreshCurves(job);
			}
			if (!FINISHED.includes(job.status)) {
				setTimeout(function () { watch(element); }, 700);
			}
		}).catch(function () {
			setTimeout(function () { watch(element); }, 2000);
		});
	}

	function onClick(selector, action) {
		document.querySelectorAll(selector).forEach(function (button) {
			button.addEventListener('click', function () {
				button.disabled = true;
				action(button).catch(function (error) {
					show(error.message);
					button.disabled = false;
				});
			});
		});
	}

	// For the scripts of page panels (release.js): one way to call the API and show an error.
	window.tangoAdmin = { api: api, show: show };

	document.addEventListener('DOMContentLoaded', function () {
		document.querySelectorAll('[data-job-id]').forEach(watch);

		onClick('[data-activate]', function (button) {
			return api('/api/cascades/' + encodeURIComponent(button.dataset.cascade) + '/activate', 'POST',
				{ version: Number(button.dataset.activate), reason: 'Activated on the admin page' })
				.then(function () { location.reload(); });
		});
		onClick('[data-rollback]', function (button) {
			return api('/api/cascades/' + encodeURIComponent(button.dataset.rollback) + '/rollback', 'POST',
				{ reason: 'Rolled back on the admin page' })
				.then(function () { location.reload(); });
		});
		onClick('[data-cancel-job]', function (button) {
			return api('/api/jobs/' + button.dataset.cancelJob + '/cancel', 'POST').then(function () {
				button.disabled = false;
				watch(document.getElementById('job-progress'));
			});
		});
		onClick('[data-restart-job]', function (button) {
			return api('/api/jobs/' + button.dataset.restartJob + '/restart', 'POST').then(function () {
				button.disabled = false;
				watch(document.getElementById('job-progress'));
			});
		});

		const upload = document.getElementById('upload-form');
		if (upload) {
			upload.addEventListener('submit', function (event) {
				event.preventDefault();
				const data = new FormData(upload);
				if (!String(data.get('name') || '').trim()) {
					data.delete('name');
				}
				api('/api/datasets', 'POST', data).then(function () {
					location.reload();
				}).catch(function (error) { show(error.message); });
			});
		}

		const form = document.getElementById('calibrate-form');
		if (form) {
			form.addEventListener('submit', function (event) {
				event.preventDefault();
				const policy = { name: form.policy.value };
				const budget = Number(form.budget.value);
				if (policy.name === 'accuracy-budget') {
					policy.maxDrop = budget;
				}
				else if (policy.name === 'escalation-budget') {
					policy.maxEscalation = budget;
				}
				else {
					policy.maxRisk = budget;
				}
				api('/api/jobs/calibrate', 'POST', {
					cascade: form.dataset.cascade,
					version: Number(form.version.value),
					datasetId: Number(form.datasetId.value),
					policy: policy,
					activate: form.activate.checked
				}).then(function (job) {
					location.href = '/ui/jobs/' + job.id;
				}).catch(function (error) { show(error.message); });
			});
		}
	});
})();
