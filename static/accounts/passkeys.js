// After a passkey is registered, go to the sign-in methods page (which
// shows the recovery codes); django-otp-webauthn's script stays on the page.
document.addEventListener("otp_webauthn.register_complete", () => {
  const button = document.getElementById("passkey-register-button");
  window.location.assign(button ? button.dataset.doneUrl : window.location.href);
});
