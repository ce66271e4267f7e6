//! The account page: password, second factor, sessions.

pub const ENTRIES: &[(&str, &str, &str)] = &[
    ("account.title", "Your account", "Su cuenta"),
    ("account.password", "Password", "Contraseña"),
    ("account.current", "Current password", "Contraseña actual"),
    ("account.new", "New password", "Contraseña nueva"),
    (
        "account.new_hint",
        "At least 12 characters. Your other sessions end when it changes.",
        "Al menos 12 caracteres. Sus otras sesiones se cierran al cambiarla.",
    ),
    ("account.confirm", "New password again", "Repita la contraseña nueva"),
    ("account.change_password", "Change password", "Cambiar contraseña"),
    (
        "account.totp_on",
        "You sign in with a code from your authenticator app. Lost it? Ask an administrator to reset it.",
        "Entra con un código de su aplicación de autenticación. ¿La perdió? Pida a un administrador que la restablezca.",
    ),
    (
        "account.totp_off",
        "Add a code from an authenticator app to your password when you sign in.",
        "Añada a su contraseña un código de una aplicación de autenticación al entrar.",
    ),
    ("account.totp_start", "Set up two-step verification", "Configurar la verificación en dos pasos"),
    (
        "account.totp_intro",
        "Scan this code with an authenticator app, then enter the 6-digit code it shows to turn two-step verification on.",
        "Escanee este código con una aplicación de autenticación y escriba el código de 6 dígitos que muestra para activar la verificación en dos pasos.",
    ),
    ("account.sessions", "Your sessions", "Sus sesiones"),
    ("account.device", "Browser", "Navegador"),
    ("account.signed_in", "Signed in", "Inicio"),
    ("account.last_seen", "Last seen", "Última actividad"),
    ("account.this_session", "This session", "Esta sesión"),
    ("account.revoke", "Sign out", "Cerrar"),
    ("notice.password_changed", "Your password was changed. Your other sessions have ended.", "Se cambió su contraseña. Sus otras sesiones se han cerrado."),
    ("notice.session_revoked", "The session was ended.", "Se cerró la sesión."),
    ("notice.totp_enabled", "Two-step verification is on.", "La verificación en dos pasos está activada."),
    (
        "problem.weak_password",
        "The new password must have at least 12 characters.",
        "La contraseña nueva debe tener al menos 12 caracteres.",
    ),
    ("problem.password_mismatch", "The two new passwords differ.", "Las dos contraseñas nuevas no coinciden."),
    ("problem.wrong_password", "The current password is wrong.", "La contraseña actual no es correcta."),
    (
        "problem.invalid_code",
        "That code is not valid. Check your device's clock and try the newest code.",
        "Ese código no es válido. Compruebe la hora de su dispositivo y use el código más reciente.",
    ),
    (
        "problem.totp_already_on",
        "Two-step verification is already on.",
        "La verificación en dos pasos ya está activada.",
    ),
];
