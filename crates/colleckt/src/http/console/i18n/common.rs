//! The layout, sign-in, second factor and generic notices.

pub const ENTRIES: &[(&str, &str, &str)] = &[
    ("layout.skip", "Skip to content", "Saltar al contenido"),
    ("layout.console", "Console", "Consola"),
    ("layout.nav", "Main", "Principal"),
    ("nav.queue", "Queue", "Cola"),
    ("nav.admin", "Admin", "Administración"),
    ("nav.audit", "Audit log", "Registro de auditoría"),
    ("nav.account", "Account", "Cuenta"),
    ("nav.sign_out", "Sign out", "Cerrar sesión"),
    ("signin.title", "Sign in", "Iniciar sesión"),
    ("signin.email", "Email", "Correo electrónico"),
    ("signin.password", "Password", "Contraseña"),
    ("signin.workspace", "Workspace", "Espacio de trabajo"),
    ("signin.submit", "Sign in", "Entrar"),
    (
        "signin.invalid",
        "Wrong email or password.",
        "Correo o contraseña incorrectos.",
    ),
    (
        "signin.locked",
        "Too many failed attempts: this account is locked for 15 minutes.",
        "Demasiados intentos fallidos: esta cuenta está bloqueada 15 minutos.",
    ),
    (
        "signin.throttled",
        "Too many attempts from your address. Wait a minute and try again.",
        "Demasiados intentos desde su dirección. Espere un minuto y vuelva a intentarlo.",
    ),
    (
        "signin.choose_workspace",
        "This email has accounts in several workspaces. Choose one and enter the password again.",
        "Este correo tiene cuentas en varios espacios de trabajo. Elija uno y vuelva a escribir la contraseña.",
    ),
    ("totp.title", "Two-step verification", "Verificación en dos pasos"),
    (
        "totp.intro",
        "Enter the 6-digit code from your authenticator app.",
        "Escriba el código de 6 dígitos de su aplicación de autenticación.",
    ),
    (
        "totp.enrol_intro",
        "Your workspace requires two-step verification. Scan this code with an authenticator app, then enter the 6-digit code it shows.",
        "Su espacio de trabajo exige verificación en dos pasos. Escanee este código con una aplicación de autenticación y escriba el código de 6 dígitos que muestra.",
    ),
    ("totp.qr_alt", "QR code to add this account to an authenticator app", "Código QR para añadir esta cuenta a una aplicación de autenticación"),
    ("totp.enrol_key", "Or type this key:", "O escriba esta clave:"),
    ("totp.code", "Code", "Código"),
    ("totp.submit", "Verify", "Verificar"),
    (
        "totp.invalid",
        "That code is not valid. Check your device's clock and try the newest code.",
        "Ese código no es válido. Compruebe la hora de su dispositivo y use el código más reciente.",
    ),
];
