import { defineMessages, translator } from '../../domain/i18n';

/** Texts of the handover, for a clerk at the counter or on a round. */
export const HANDOVER_TEXT = defineMessages('services/handover/counter', {
  notFound: {
    id: 'Tidak ada KTP-el di kantor untuk "{query}". Periksa NIK atau nama, atau kartunya belum tiba.',
    en: 'No e-KTP at the office for "{query}". Check the NIK or name, or the card has not arrived yet.',
  },
  qrUnknown: {
    id: 'Kode QR ini tidak dikenal: bukan bukti perekaman dari stasiun ini, atau kartunya belum tiba. Cari dengan NIK.',
    en: 'Unknown QR code: not a recording receipt of this station, or the card has not arrived. Search by NIK.',
  },
  notArrived: {
    id: 'KTP-el ini belum tiba di kantor kecamatan. Belum bisa diserahkan.',
    en: 'This e-KTP has not arrived at the kecamatan office yet. It cannot be handed over.',
  },
  alreadyHandedOver: {
    id: 'KTP-el ini sudah diserahkan pada {date}.',
    en: 'This e-KTP was already handed over on {date}.',
  },
  cardMissing: {
    id: 'KTP-el ini tercatat hilang dari kiriman. Hubungi supervisor.',
    en: 'This e-KTP is recorded as missing from its batch. Call the supervisor.',
  },
  onRound: {
    id: 'KTP-el ini sedang dibawa petugas pengantaran, bukan di loket.',
    en: 'This e-KTP is out on a delivery round, not at the counter.',
  },
  notOnRound: {
    id: 'KTP-el ini tidak termasuk pengantaran ini.',
    en: 'This e-KTP is not part of this delivery round.',
  },
  noSession: {
    id: 'Data serah terima ini sudah ditutup. Cari dan buka lagi penduduknya.',
    en: 'This handover is no longer open. Find and open the resident again.',
  },
  scannerNotReady: {
    id: 'Pemindai sidik jari belum siap. Periksa kabel, atau lakukan pemeriksaan visual.',
    en: 'The fingerprint scanner is not ready. Check the cable, or do a visual check.',
  },
  scannerBusy: {
    id: 'Pemindai sedang dipakai. Tunggu sebentar lalu coba lagi.',
    en: 'The scanner is in use. Wait a moment and try again.',
  },
  fingerNotKept: {
    id: 'Jari ini tidak disimpan untuk pemeriksaan. Minta {fingers}.',
    en: 'This finger was not kept for the check. Ask for the {fingers}.',
  },
  noTemplates: {
    id: 'Tidak ada sidik jari tersimpan untuk penduduk ini. Lakukan pemeriksaan visual.',
    en: 'No fingerprints were kept for this resident. Do a visual check.',
  },
  noTries: {
    id: 'Percobaan sidik jari habis. Periksa identitas secara visual dan catat alasannya.',
    en: 'No fingerprint tries left. Check identity visually and record why.',
  },
  fingerMatched: {
    id: 'Sidik jari cocok (skor {score}). Identitas terverifikasi.',
    en: 'Fingerprint matches (score {score}). Identity verified.',
  },
  fingerRefused: {
    id: 'Sidik jari TIDAK cocok (skor {score}). Pastikan {finger} yang diletakkan, lalu coba lagi. Sisa {left} kali.',
    en: 'Fingerprint does NOT match (score {score}). Make sure the {finger} is placed, then try again. {left} tries left.',
  },
  fingerRefusedLast: {
    id: 'Sidik jari TIDAK cocok (skor {score}). Percobaan habis: periksa KTP/KK secara visual dan catat alasannya, atau jangan serahkan kartu.',
    en: 'Fingerprint does NOT match (score {score}). No tries left: check ID/KK visually and record why, or do not hand the card over.',
  },
  badImage: {
    id: 'Gambar sidik jari kurang jelas. Bersihkan sensor dan jari, lalu coba lagi.',
    en: 'The fingerprint image is not clear. Clean the sensor and the finger, then try again.',
  },
  noFinger: {
    id: 'Tidak ada jari di sensor selama {seconds} detik. Tekan Periksa untuk mencoba lagi.',
    en: 'No finger on the sensor for {seconds} seconds. Press Check to try again.',
  },
  cancelled: { id: 'Pemeriksaan dibatalkan.', en: 'Check cancelled.' },
  proxyNotAllowed: {
    id: 'Pengambilan oleh kuasa tidak diizinkan di kantor ini (kebijakan supervisor). Pemilik KTP-el harus datang sendiri.',
    en: 'Pickup by a proxy is not allowed at this office (supervisor policy). The card holder must come in person.',
  },
  proxyName: {
    id: 'Tulis nama lengkap penerima kuasa.',
    en: "Write the proxy's full name.",
  },
  proxyNik: {
    id: 'NIK penerima kuasa tidak valid: {detail}',
    en: "The proxy's NIK is not valid: {detail}",
  },
  proxyIsResident: {
    id: 'NIK penerima kuasa sama dengan NIK pemilik KTP-el. Jika pemilik sendiri yang datang, jangan isi data kuasa.',
    en: "The proxy's NIK is the card holder's own. If the holder came in person, leave the proxy out.",
  },
  proxyKkUnknown: {
    id: 'Nomor KK penduduk tidak tercatat saat perekaman, jadi kuasa tidak bisa diperiksa. Pemilik harus datang sendiri.',
    en: "The resident's KK number was not recorded, so a proxy cannot be checked. The holder must come in person.",
  },
  proxyKkMismatch: {
    id: 'Nomor KK yang ditunjukkan berbeda dengan KK pemilik KTP-el. Kuasa hanya untuk anggota KK yang sama.',
    en: "The KK number shown differs from the holder's KK. Only members of the same family card may collect.",
  },
  proxyChecked: {
    id: 'Diambil oleh kuasa (anggota KK yang sama); KK dan KTP-el kuasa diperiksa.',
    en: 'Collected by a proxy (same family card); the KK and the proxy’s ID were checked.',
  },
  notVerified: {
    id: 'Identitas belum diperiksa: sidik jari, pemeriksaan visual, atau data kuasa dulu.',
    en: 'Identity not checked yet: fingerprint, visual check or proxy details first.',
  },
  notSigned: {
    id: 'Penerima belum menandatangani di bantalan.',
    en: 'The recipient has not signed on the pad yet.',
  },
  padNotReady: {
    id: 'Bantalan tanda tangan belum siap. Periksa kabel atau hubungi teknisi.',
    en: 'The signature pad is not ready. Check the cable or call a technician.',
  },
  signEmpty: {
    id: 'Belum ada tanda tangan. Minta penerima menandatangani di bantalan.',
    en: 'Nothing signed yet. Ask the recipient to sign on the pad.',
  },
  signTooShort: {
    id: 'Tanda tangan terlalu pendek ({detail}). Hapus dan minta penerima menandatangani lengkap.',
    en: 'The signature is too short ({detail}). Clear it and ask the recipient to sign in full.',
  },
  signNoSession: {
    id: 'Penandatanganan belum dimulai. Tekan Mulai tanda tangan.',
    en: 'Signing has not started. Press Start signing.',
  },
  notSimulated: { id: 'Pemindai ini bukan simulasi.', en: 'This scanner is not a simulator.' },
  noStation: {
    id: 'Stasiun belum disiapkan.',
    en: 'The station is not set up.',
  },
});

export const ht = translator(HANDOVER_TEXT);
