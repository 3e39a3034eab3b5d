// A form script (JavaScript web resource) for the Work Order form that reads the offline database through
// window.OfflineSyncSuite.offline, with the same calls as Xrm.WebApi.offline. Register
// `Contoso.WorkOrderForm.onLoad` as the form's OnLoad handler with "Pass execution context" ticked; the form must
// also hold one of the Offline Sync Suite controls, whose engine answers the calls.
// Plain ES2019 and no build step, so it can be uploaded as it is.
(function (root) {
  'use strict';

  var NOTIFICATION_ID = 'contoso-offline-assets';
  var POLL_MS = 100;

  // Model-driven apps run form scripts in a child frame (ClientApiFrame) and code components in the app's window,
  // so the object may be in a same-origin ancestor rather than here. Own window first: the harness, custom pages
  // and any client that runs scripts in the app's window find it there.
  function findSuite(start) {
    for (var frame = start; frame; frame = frame.parent === frame ? null : frame.parent) {
      try {
        if (frame.OfflineSyncSuite && frame.OfflineSyncSuite.offline) return frame.OfflineSyncSuite;
      } catch {
        // Past a frame of another origin we are outside the app: stop looking.
        return null;
      }
    }
    return null;
  }

  // The object appears when the first Offline Sync Suite control starts, which may be after this script's OnLoad:
  // wait for it, then for its engine (`ready`), within one time limit so a form without the control does not hang.
  function whenOfflineSyncSuite(timeoutMs) {
    var limit = timeoutMs === undefined ? 30000 : timeoutMs;
    var deadline = Date.now() + limit;
    return new Promise(function (resolve, reject) {
      (function look() {
        var suite = findSuite(root);
        if (suite) {
          suite.ready.then(function () {
            resolve(suite);
          }, reject);
        } else if (Date.now() >= deadline) {
          reject(new Error('No Offline Sync Suite control on this page after ' + limit + ' ms.'));
        } else {
          setTimeout(look, POLL_MS);
        }
      })();
    });
  }

  // The service account's name and how many of its customer assets are on the device, from the offline database.
  async function assetsOnDevice(offline, accountId) {
    var id = accountId.replace(/[{}]/g, '').toLowerCase();
    var account = await offline.retrieveRecord('account', id, '?$select=name');
    var assets = await offline.retrieveMultipleRecords(
      'msdyn_customerasset',
      '?$select=msdyn_name&$filter=_msdyn_account_value eq ' + id + '&$orderby=msdyn_name',
    );
    return { accountName: account.name, assets: assets.entities };
  }

  // OnLoad: tells the technician what they can work with offline for this work order's account.
  async function onLoad(executionContext) {
    var form = executionContext.getFormContext();
    var lookup = form.getAttribute('msdyn_serviceaccount').getValue();
    if (!lookup || lookup.length === 0) return;
    try {
      var suite = await whenOfflineSyncSuite();
      if (!suite.offline.isAvailableOffline('msdyn_customerasset')) return;
      var found = await assetsOnDevice(suite.offline, lookup[0].id);
      var text = found.accountName + ': ' + found.assets.length + ' customer assets available offline';
      form.ui.setFormNotification(text, 'INFO', NOTIFICATION_ID);
    } catch (error) {
      // The engine's errors carry a stable `code`; the message is for people.
      var code = error && error.code;
      var warning = code === 'record-not-found' ? 'This account is not on the device yet.' : 'Offline data unavailable: ' + String(error && error.message);
      form.ui.setFormNotification(warning, 'WARNING', NOTIFICATION_ID);
    }
  }

  root.Contoso = root.Contoso || {};
  root.Contoso.WorkOrderForm = { onLoad: onLoad, whenOfflineSyncSuite: whenOfflineSyncSuite, assetsOnDevice: assetsOnDevice };
})(window);
