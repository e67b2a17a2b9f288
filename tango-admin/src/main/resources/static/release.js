// The release panel of a cascade's page (templates/release.html): shows the running plan and
// what the API instances measured, refreshed every two seconds; starts, promotes and aborts
// plans through /api/cascades/{cascade}/release with the API helper of admin.js.
(function () {
	'use strict';

	function percent(value) {
		return (value === null || value === undefined) ? '–' : (100 * value).toFixed(1) + '%';
	}

	function cell(row, text) {
		const td = document.createElement('td');
		td.textContent = text;
		row.appendChild(td);
	}

	function render(panel, status) {
		const plan = status.running;
		const state = document.getElementById('release-state');
		if (plan) {
			state.textContent = 'Plan ' + plan.id + ': ' + plan.mode.toLowerCase() + ' of version ' + plan.candidateVersion
				+ ' against version ' + plan.baseVersion + ' at share ' + plan.share + ', started by ' + plan.startedBy
				+ '. Aborts itself above ' + percent(plan.bounds.maxErrorRate) + ' errors or '
				+ percent(plan.bounds.maxEscalationRate) + ' escalation after ' + plan.bounds.minRequests + ' requests.';
		}
		else if (status.latest) {
			state.textContent = 'No release plan runs. Plan ' + status.latest.id + ' (version '
				+ status.latest.candidateVersion + ') was ' + status.latest.state.toLowerCase() + '.';
		}
		else {
			state.textContent = 'No release plan runs.';
		}
		panel.dataset.state = plan ? 'RUNNING' : 'NONE';
		panel.dataset.plan = plan ? plan.id : '';
		// The plan the operator began to end (see below) gave way to another: start over.
		const end = document.getElementById('release-end');
		if (end.dataset.plan && end.dataset.plan !== panel.dataset.plan) {
			window.tangoAdmin.show('Plan ' + end.dataset.plan + ' has ended'
				+ (plan ? '; plan ' + plan.id + ' runs now: look at it before you promote or abort it.' : '.'));
			end.dataset.plan = '';
			end.reason.value = '';
		}
		document.getElementById('release-end').hidden = !plan;
		document.getElementById('release-start').hidden = !!plan;
		const reports = document.getElementById('release-reports');
		const body = reports.querySelector('tbody');
		body.replaceChildren();
		status.reports.forEach(function (report) {
			const row = document.createElement('tr');
			row.dataset.version = report.version;
			row.dataset.role = report.role;
			cell(row, report.version);
			cell(row, report.role.toLowerCase());
			cell(row, report.instances);
			cell(row, report.requests);
			cell(row, report.errors + ' (' + percent(report.errorRate) + ')');
			cell(row, report.dropped);
			cell(row, percent(report.agreement));
			cell(row, report.tierAgreement.map(percent).join(' / '));
			cell(row, report.escalation.map(function (rate, gate) {
				return percent(rate) + ' (' + percent(report.calibratedEscalation[gate]) + ')';
			}).join(' / '));
			cell(row, report.costMillisPerInput.toFixed(2));
			body.appendChild(row);
		});
		reports.hidden = status.reports.length === 0;
		const audit = document.querySelector('#release-audit tbody');
		audit.replaceChildren();
		status.audit.forEach(function (entry) {
			const row = document.createElement('tr');
			cell(row, entry.at.replace('T', ' ').substring(0, 19));
			cell(row, entry.planId);
			cell(row, entry.action);
			cell(row, entry.actor);
			cell(row, entry.reason);
			audit.appendChild(row);
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		const panel = document.getElementById('release');
		if (!panel) {
			return;
		}
		const admin = window.tangoAdmin;
		const path = '/api/cascades/' + encodeURIComponent(panel.dataset.cascade) + '/release';
		function refresh() {
			return admin.api(path).then(function (status) { render(panel, status); });
		}
		function act(promise) {
			promise.then(refresh).catch(function (error) { admin.show(error.message); });
		}
		const start = document.getElementById('release-start');
		start.addEventListener('submit', function (event) {
			event.preventDefault();
			act(admin.api(path, 'POST', {
				mode: start.mode.value,
				version: Number(start.version.value),
				share: Number(start.share.value),
				maxErrorRate: Number(start.maxErrorRate.value),
				maxEscalationRate: Number(start.maxEscalationRate.value),
				minRequests: Number(start.minRequests.value),
				reason: start.reason.value
			}));
		});
		const end = document.getElementById('release-end');
		// The plan shown when the operator began to give a reason is the one ended.
		end.addEventListener('input', function () {
			if (!end.dataset.plan) {
				end.dataset.plan = panel.dataset.plan;
			}
		});
		['promote', 'abort'].forEach(function (action) {
			document.getElementById('release-' + action).addEventListener('click', function () {
				// another plan started since is refused, not ended
				const planId = Number(end.dataset.plan || panel.dataset.plan);
				if (action === 'promote' && !window.confirm('Activate the candidate of plan ' + planId + ' for all traffic?')) {
					return;
				}
				act(admin.api(path + '/' + action, 'POST', { planId: planId, reason: end.reason.value }).then(function (plan) {
					end.dataset.plan = '';
					end.reason.value = '';
					if (action === 'promote') {
						location.reload();
					}
					return plan;
				}));
			});
		});
		refresh().catch(function (error) { admin.show(error.message); });
		setInterval(function () { refresh().catch(function () { }); }, 2000);
	});
})();
