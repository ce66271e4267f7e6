//! File kinds (what the bytes are) and document kinds (what the document is).

use serde::{Deserialize, Serialize};

/// The container format of an uploaded file, from its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// JPEG (JFIF/EXIF).
    Jpeg,
    /// PNG.
    Png,
    /// WebP (RIFF container).
    Webp,
    /// PDF.
    Pdf,
}

impl FileKind {
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Webp => "image/webp",
            FileKind::Pdf => "application/pdf",
        }
    }
}

/// Identify a file from its first bytes. Only the magic number at offset 0 counts,
/// so a polyglot is read as what its first bytes say it is.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(FileKind::Webp)
    } else if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else {
        None
    }
}

/// The document types of the `usps1583` flow (FLOWS.md), with their stable ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// 1 — MRZ TD3 on the data page.
    Passport,
    /// 2 — PDF417 (AAMVA `DL`) on the back, OCR on the front.
    DriverLicense,
    /// 3 — PDF417 (AAMVA `ID`) on the back.
    IdCard,
    /// 4 — MRZ TD1 on the back.
    PassportCard,
    /// 5 — MRZ TD1 on the back.
    PermanentResidentCard,
    /// 6 — front OCR.
    UniformedServiceId,
    /// 7 — front OCR.
    UsAccessCard,
    /// 8 — OCR.
    CertificateOfNaturalization,
    /// 9 — front OCR.
    MatriculaConsular,
    /// 10 — front OCR.
    UniversityId,
    /// 11 — front OCR, MRZ if present.
    NexusCard,
    /// 12 — PDF text / OCR.
    Lease,
    /// 13 — PDF text / OCR.
    Mortgage,
    /// 14 — PDF text / OCR.
    DeedOfTrust,
    /// 15 — PDF text / OCR.
    HomeInsurancePolicy,
    /// 16 — PDF text / OCR.
    VehicleInsurancePolicy,
    /// 17 — OCR.
    VehicleRegistration,
    /// 18 — OCR.
    VoterRegistrationCard,
}

/// Which reader family handles a document kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderFamily {
    /// PDF417 barcode with an AAMVA payload (+ front OCR).
    Aamva,
    /// Machine-readable zone.
    Mrz,
    /// An identity card read by OCR of its front (MRZ tried if present).
    FrontOcr,
    /// A proof-of-address document: PDF text layer, else OCR.
    Address,
}

const ALL: [(DocKind, u8, &str); 18] = [
    (DocKind::Passport, 1, "Passport"),
    (DocKind::DriverLicense, 2, "Driver License"),
    (DocKind::IdCard, 3, "ID Card"),
    (DocKind::PassportCard, 4, "Passport Card"),
    (DocKind::PermanentResidentCard, 5, "Permanent Resident Card"),
    (DocKind::UniformedServiceId, 6, "Uniformed Service ID"),
    (DocKind::UsAccessCard, 7, "U.S. Access Card"),
    (
        DocKind::CertificateOfNaturalization,
        8,
        "Certificate of Naturalization",
    ),
    (DocKind::MatriculaConsular, 9, "Matricula Consular"),
    (DocKind::UniversityId, 10, "University ID"),
    (DocKind::NexusCard, 11, "NEXUS Card"),
    (DocKind::Lease, 12, "Lease"),
    (DocKind::Mortgage, 13, "Mortgage"),
    (DocKind::DeedOfTrust, 14, "Deed of Trust"),
    (DocKind::HomeInsurancePolicy, 15, "Home Insurance Policy"),
    (
        DocKind::VehicleInsurancePolicy,
        16,
        "Vehicle Insurance Policy",
    ),
    (DocKind::VehicleRegistration, 17, "Vehicle Registration"),
    (
        DocKind::VoterRegistrationCard,
        18,
        "Voter Registration Card",
    ),
];

impl DocKind {
    /// Every kind, in id order.
    pub fn all() -> impl Iterator<Item = DocKind> {
        ALL.iter().map(|(k, _, _)| *k)
    }

    /// The canonical name (FLOWS.md), as it appears in `document_type`.
    pub fn name(self) -> &'static str {
        ALL.iter()
            .find(|(k, _, _)| *k == self)
            .map_or("", |(_, _, n)| n)
    }

    /// The stable numeric id.
    pub fn id(self) -> u8 {
        ALL.iter()
            .find(|(k, _, _)| *k == self)
            .map_or(0, |(_, i, _)| *i)
    }

    /// Parse a type name case-insensitively (also accepts the numeric id, and
    /// `passport`/`licence`-style short names used on the command line).
    pub fn from_name(name: &str) -> Option<DocKind> {
        let norm = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect()
        };
        let n = norm(name);
        if let Ok(id) = n.parse::<u8>() {
            return ALL.iter().find(|(_, i, _)| *i == id).map(|(k, _, _)| *k);
        }
        if let Some((k, _, _)) = ALL.iter().find(|(_, _, nm)| norm(nm) == n) {
            return Some(*k);
        }
        match n.as_str() {
            "driverlicence" | "driverslicense" | "driverslicence" | "licence" | "license"
            | "dl" => Some(DocKind::DriverLicense),
            "id" | "stateid" | "idcard" => Some(DocKind::IdCard),
            "greencard" | "prc" => Some(DocKind::PermanentResidentCard),
            "nexus" => Some(DocKind::NexusCard),
            _ => None,
        }
    }

    /// Which reader reads it.
    pub fn family(self) -> ReaderFamily {
        use DocKind::*;
        match self {
            DriverLicense | IdCard => ReaderFamily::Aamva,
            Passport | PassportCard | PermanentResidentCard => ReaderFamily::Mrz,
            UniformedServiceId
            | UsAccessCard
            | CertificateOfNaturalization
            | MatriculaConsular
            | UniversityId
            | NexusCard => ReaderFamily::FrontOcr,
            Lease
            | Mortgage
            | DeedOfTrust
            | HomeInsurancePolicy
            | VehicleInsurancePolicy
            | VehicleRegistration
            | VoterRegistrationCard => ReaderFamily::Address,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nxx"), Some(FileKind::Png));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(FileKind::Webp));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"RIFF"), None);
    }

    #[test]
    fn names_round_trip() {
        for k in DocKind::all() {
            assert_eq!(DocKind::from_name(k.name()), Some(k));
            assert_eq!(DocKind::from_name(&k.id().to_string()), Some(k));
        }
        assert_eq!(
            DocKind::from_name("driver license"),
            Some(DocKind::DriverLicense)
        );
        assert_eq!(
            DocKind::from_name("u.s. access card"),
            Some(DocKind::UsAccessCard)
        );
        assert_eq!(DocKind::from_name("nope"), None);
    }
}
