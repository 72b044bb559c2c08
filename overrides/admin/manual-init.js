// Decap starts when admin/cchc-cms.js has registered the portal's file format (not inline: the policy forbids it).
window.CMS_MANUAL_INIT = true;
