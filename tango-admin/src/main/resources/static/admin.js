// The administration pages' behaviour: live job progress, activation and rollback after a
// confirmation with a reason, cancellation, data set uploads, job forms and the calibration
// chart's read-out, all through the REST API of the same origin.
(function () {
	'use strict';

	const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

	// What a policy's single budget field means for each policy.
	const BUDGETS = { 'accuracy-budget': 'maxDrop', 'escalation-budget': 'maxEscalation', 'risk-control': 'maxRisk' };

	// The page's own origin: a page opened as http://user:password@host/ would otherwise
	// give fetch() a URL with credentials, which it refuses.
	// A FormData body goes as a multipart form, anything else as JSON; headers are added.
	function api(path, method, body, headers) {
		const options = { method: method || 'GET', headers: Object.assign({ 'Accept': 'application/json' }, headers) };
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

	// Replaces an element by the server's rendering of it (a page fragment).
	function swap(element, path) {
		return fetch(location.origin + path, { headers: { 'Accept': 'text/html' } })
			.then(function (response) { return response.ok ? response.text() : null; })
			.then(function (html) {
				if (html && element.isConnected) {
					element.outerHTML = html;
				}
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
		element.querySelector('.bar').value = progress.percent;
		element.querySelector('.percent').textContent = progress.percent.toFixed(1) + '%';
		element.querySelector('.phase').textContent = progress.phase || '';
		element.querySelector('.items').textContent = progress.itemsTotal ? progress.itemsDone + ' / ' + progress.itemsTotal : '';
		const eta = progress.etaAt && job.status === 'RUNNING' ? new Date(progress.etaAt) : null;
		element.querySelector('.eta').textContent = eta ? 'done at about ' + eta.toLocaleTimeString() : '';
		if (element.id !== 'job-progress') {
			return;
		}
		// Buttons only where they can work: Cancel on a queued or running job not already
		// cancelling, Restart on a failed or cancelled one.
		const cancel = document.getElementById('cancel');
		const restart = document.getElementById('restart');
		if (cancel) {
			cancel.disabled = FINISHED.includes(job.status) || job.cancelRequested;
		}
		if (restart) {
			restart.disabled = job.status !== 'FAILED' && job.status !== 'CANCELLED';
		}
		const outcome = document.getElementById('job-outcome');
		if (outcome && outcome.dataset.jobStatus !== job.status) {
			outcome.dataset.jobStatus = job.status;
			swap(outcome, '/ui/jobs/' + job.id + '/outcome');
		}
		const curves = document.getElementById('job-curves');
		if (curves && Object.keys(job.curves || {}).length > 0) {
			swap(curves, '/ui/jobs/' + job.id + '/curves');
		}
	}

	// The progress elements being followed: one poll loop each, until the job finishes.
	const watched = new Set();

	// Follows a job's progress element (class job, data-job-id) until the job finishes;
	// does nothing while a loop already follows it.
	function watch(element) {
		if (watched.has(element)) {
			return;
		}
		watched.add(element);
		const poll = function () {
			api('/api/jobs/' + element.dataset.jobId).then(function (job) {
				renderJob(element, job);
				if (FINISHED.includes(job.status)) {
					watched.delete(element);
				}
				else {
					setTimeout(poll, 700);
				}
			}).catch(function () {
				setTimeout(poll, 2000);
			});
		};
		poll();
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

	// The reason field of the confirmation dialog is valid with 3 characters or more
	// besides the spaces around them, which are not sent.
	function checkReason(field) {
		field.setCustomValidity(field.value.trim().length < 3 ? 'Say why, in 3 characters or more.' : '');
	}

	// Asks for a confirmation and a reason in the page's dialog: resolves to the reason,
	// or to null if the person cancels.
	function confirmWithReason(title, text, action) {
		const dialog = document.getElementById('confirm-dialog');
		const form = dialog.querySelector('form');
		dialog.querySelector('#confirm-title').textContent = title;
		dialog.querySelector('#confirm-text').textContent = text;
		dialog.querySelector('#confirm-submit').textContent = action;
		form.reset();
		checkReason(form.reason);
		// closing by Escape keeps the last value: an earlier confirmation must not count
		dialog.returnValue = '';
		return new Promise(function (resolve) {
			dialog.addEventListener('close', function () {
				resolve(dialog.returnValue === 'confirm' ? form.reason.value.trim() : null);
			}, { once: true });
			dialog.showModal();
		});
	}

	// Activates or rolls back after the dialog, naming the revision the page showed (none
	// when no version was active) so that a change someone else made meanwhile is refused
	// rather than overwritten.
	function change(button, path, title, text, action, body) {
		return confirmWithReason(title, text, action).then(function (reason) {
			if (reason === null) {
				button.disabled = false;
				return null;
			}
			body.reason = reason;
			if (button.dataset.revision === 'none') {
				body.expectNoneActive = true;
			}
			else if (button.dataset.revision) {
				body.expectedRevision = Number(button.dataset.revision);
			}
			return api(path, 'POST', body).then(function () { location.reload(); });
		});
	}

	function set(target, path, value) {
		const keys = path.split('.');
		let node = target;
		keys.slice(0, -1).forEach(function (key) {
			node = node[key] = node[key] || {};
		});
		node[keys[keys.length - 1]] = value;
	}

	// A job form's fields as the job's parameters: a field's name is its path in them
	// (policy.maxDrop); empty fields are left out, so that the job's defaults hold;
	// data-type says how a text is read (number, boolean, numbers, strings: comma-separated);
	// a policy's budget field (data-budget-of: its policy's field) becomes the bound that
	// policy reads, the policy being left out with an empty budget.
	function parameters(form) {
		const body = {};
		Array.from(form.elements).forEach(function (field) {
			if (!field.name || field.disabled) {
				return;
			}
			if (field.type === 'checkbox') {
				set(body, field.name, field.checked);
				return;
			}
			const text = field.value.trim();
			if (text === '') {
				return;
			}
			if (field.dataset.budgetOf) {
				const policy = form.elements[field.dataset.budgetOf].value;
				set(body, field.dataset.budgetOf, policy);
				set(body, field.name.replace(/budget$/, BUDGETS[policy]), Number(text));
			}
			else if (form.querySelector('[data-budget-of="' + field.name + '"]')) {
				// a policy's name goes with its budget, or not at all
			}
			else if (field.dataset.type === 'boolean') {
				set(body, field.name, text === 'true');
			}
			else if (field.dataset.type === 'numbers') {
				set(body, field.name, text.split(',').map(function (item) { return Number(item.trim()); }));
			}
			else if (field.dataset.type === 'strings') {
				set(body, field.name, text.split(',').map(function (item) { return item.trim(); }).filter(Boolean));
			}
			else if (field.type === 'number' || field.dataset.type === 'number') {
				set(body, field.name, Number(text));
			}
			else {
				set(body, field.name, text);
			}
		});
		return body;
	}

	// The Idempotency-Key of a job form's submission: one per form, page visit and
	// parameters, kept in the page's history entry, so that a second click, or going Back
	// and sending the same form again, gets the job the first queued rather than a second
	// one; other parameters get a new key. Drawn with crypto.getRandomValues, as
	// crypto.randomUUID exists only on https and localhost pages.
	function submissionKey(form, body) {
		const state = Object.assign({}, history.state);
		const keys = Object.assign({}, state.submissionKeys);
		const sent = JSON.stringify(body);
		if (!keys[form.id] || keys[form.id].body !== sent) {
			const bytes = crypto.getRandomValues(new Uint8Array(16));
			const key = Array.from(bytes, function (value) { return value.toString(16).padStart(2, '0'); }).join('');
			keys[form.id] = { key: key, body: sent };
			state.submissionKeys = keys;
			history.replaceState(state, '');
		}
		return keys[form.id].key;
	}

	// The calibration chart's read-out: the values at the threshold under the pointer.
	function readOut(plot) {
		const output = document.getElementById(plot.dataset.readout);
		plot.querySelectorAll('.hover-point').forEach(function (column) {
			column.addEventListener('mouseenter', function () {
				plot.querySelectorAll('.hover-point.hovered').forEach(function (other) { other.classList.remove('hovered'); });
				column.classList.add('hovered');
				output.textContent = 'threshold ' + column.dataset.threshold + ': accuracy ' + column.dataset.accuracy
					+ '%, ' + column.dataset.escalation + '% escalated, speedup ' + column.dataset.speedup + 'x';
			});
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		document.querySelectorAll('.job[data-job-id]').forEach(watch);
		document.querySelectorAll('.plot[data-readout]').forEach(readOut);

		onClick('[data-activate]', function (button) {
			const cascade = button.dataset.cascade;
			return change(button, '/api/cascades/' + encodeURIComponent(cascade) + '/activate',
				'Activate version ' + button.dataset.activate + ' of ' + cascade + '?',
				'Every API instance switches to it within seconds, without a restart.', 'Activate',
				{ version: Number(button.dataset.activate) });
		});
		onClick('[data-rollback]', function (button) {
			const cascade = button.dataset.rollback;
			return change(button, '/api/cascades/' + encodeURIComponent(cascade) + '/rollback',
				'Roll ' + cascade + ' back to version ' + button.dataset.target + '?',
				'Every API instance switches back within seconds, without a restart.', 'Roll back', {});
		});
		onClick('[data-cancel-job]', function (button) {
			// the running loop shows the cancellation; a new one starts only if none runs
			return api('/api/jobs/' + button.dataset.cancelJob + '/cancel', 'POST').then(function () {
				watch(document.getElementById('job-progress'));
			});
		});
		onClick('[data-restart-job]', function (button) {
			return api('/api/jobs/' + button.dataset.restartJob + '/restart', 'POST').then(function () {
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

		// A job form sends once at a time (its button disabled meanwhile, which also stops
		// Enter), with its submission's key.
		document.querySelectorAll('form.job-form').forEach(function (form) {
			const button = form.querySelector('button[type=submit]');
			form.addEventListener('submit', function (event) {
				event.preventDefault();
				const body = parameters(form);
				button.disabled = true;
				// the kind's own endpoint, which checks more than the generic one
				api(form.dataset.action, 'POST', body, { 'Idempotency-Key': submissionKey(form, body) })
					.then(function (job) { location.href = '/ui/jobs/' + job.id; })
					.catch(function (error) {
						show(error.message);
						button.disabled = false;
					});
			});
		});
		// A page the browser kept and shows again on Back: its forms may be sent again.
		window.addEventListener('pageshow', function (event) {
			if (event.persisted) {
				document.querySelectorAll('form.job-form button[type=submit]').forEach(function (button) {
					button.disabled = false;
				});
			}
		});
		document.querySelectorAll('#confirm-dialog textarea[name=reason]').forEach(function (field) {
			field.addEventListener('input', function () { checkReason(field); });
		});

		const kinds = document.getElementById('job-kind');
		if (kinds) {
			const choose = function () {
				document.querySelectorAll('form.job-form').forEach(function (form) {
					form.hidden = form.dataset.kind !== kinds.value;
				});
				history.replaceState(history.state, '', '?kind=' + encodeURIComponent(kinds.value));
				document.getElementById('message').hidden = true;
			};
			kinds.addEventListener('change', choose);
			choose();
		}
	});
})();
