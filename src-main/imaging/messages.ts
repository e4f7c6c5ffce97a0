/** Photo messages for operators, Bahasa Indonesia first. Placeholders: {name}. */
import { defineMessages, translator } from '../domain/i18n';

const MESSAGES = defineMessages('imaging/messages', {
  // Input guards
  frameEmpty: {
    id: 'Gambar dari kamera kosong. Ambil foto lagi.',
    en: 'The camera image is empty. Take the photo again.',
  },
  frameNotImage: {
    id: 'Data dari kamera bukan gambar JPEG, PNG atau WebP. Ambil foto lagi.',
    en: 'The camera data is not a JPEG, PNG or WebP image. Take the photo again.',
  },
  frameTooLarge: {
    id: 'Gambar terlalu besar ({width}×{height}). Atur kamera ke resolusi paling tinggi 4096×4096.',
    en: 'The image is too large ({width}×{height}). Set the camera to at most 4096×4096.',
  },
  frameTooSmall: {
    id: 'Gambar terlalu kecil ({width}×{height}). Atur kamera ke resolusi paling rendah 640×480.',
    en: 'The image is too small ({width}×{height}). Set the camera to at least 640×480.',
  },
  frameBroken: {
    id: 'Gambar dari kamera rusak dan tidak dapat dibaca. Ambil foto lagi.',
    en: 'The camera image is damaged and cannot be read. Take the photo again.',
  },
  // Face
  faceOk: { id: 'Wajah terdeteksi dengan baik.', en: 'Face detected correctly.' },
  faceNone: {
    id: 'Wajah tidak terdeteksi. Minta penduduk menghadap kamera di dalam bingkai.',
    en: 'No face detected. Ask the resident to face the camera inside the guide.',
  },
  faceMany: {
    id: 'Terdeteksi lebih dari satu wajah. Pastikan hanya penduduk yang ada di depan kamera.',
    en: 'More than one face detected. Make sure only the resident is in front of the camera.',
  },
  faceOffCentre: {
    id: 'Wajah tidak di tengah. Minta penduduk bergeser ke tengah bingkai.',
    en: 'The face is not centred. Ask the resident to move to the centre of the guide.',
  },
  faceSlightlyOffCentre: {
    id: 'Wajah agak di luar tengah bingkai.',
    en: 'The face is slightly off the centre of the guide.',
  },
  faceSmall: {
    id: 'Wajah terlalu kecil. Minta penduduk lebih dekat ke kamera.',
    en: 'The face is too small. Ask the resident to come closer to the camera.',
  },
  faceLarge: {
    id: 'Wajah terlalu besar. Minta penduduk sedikit mundur dari kamera.',
    en: 'The face is too large. Ask the resident to move back a little.',
  },
  faceTilted: {
    id: 'Kepala miring {deg}°. Minta penduduk menegakkan kepala.',
    en: 'The head is tilted {deg}°. Ask the resident to hold the head upright.',
  },
  faceUnavailable: {
    id: 'Pendeteksi wajah tidak tersedia; periksa posisi wajah secara manual.',
    en: 'The face detector is unavailable; check the face position by eye.',
  },
  // Exposure
  exposureOk: { id: 'Pencahayaan baik.', en: 'Exposure is good.' },
  exposureDark: {
    id: 'Wajah terlalu gelap. Nyalakan lampu atau tambah cahaya ke wajah.',
    en: 'The face is too dark. Turn on the lights or add light on the face.',
  },
  exposureBright: {
    id: 'Wajah terlalu terang. Kurangi cahaya atau jauhkan lampu.',
    en: 'The face is too bright. Reduce the light or move the lamp away.',
  },
  exposureHighlights: {
    id: 'Ada bagian wajah yang terlalu terang (silau). Kurangi cahaya langsung.',
    en: 'Parts of the face are blown out (glare). Reduce direct light.',
  },
  exposureShadows: {
    id: 'Ada bayangan gelap di wajah. Ratakan pencahayaan.',
    en: 'There are deep shadows on the face. Even out the light.',
  },
  // Sharpness
  sharpOk: { id: 'Foto tajam.', en: 'The photo is sharp.' },
  sharpSoft: {
    id: 'Foto kurang tajam. Minta penduduk diam dan periksa fokus kamera.',
    en: 'The photo is a little soft. Ask the resident to keep still and check the focus.',
  },
  sharpBlurred: {
    id: 'Foto buram. Minta penduduk diam, bersihkan lensa, lalu ambil lagi.',
    en: 'The photo is blurred. Ask the resident to keep still, clean the lens, and retake.',
  },
  // Background
  backgroundOk: {
    id: 'Warna latar {colour} sesuai (tahun lahir {parity}).',
    en: 'Background colour {colour} is right (birth year {parity}).',
  },
  backgroundWrong: {
    id: 'Latar harus {colour} (tahun lahir {parity}). Ganti kain latar.',
    en: 'The background must be {colour} (birth year {parity}). Change the backdrop.',
  },
  backgroundOff: {
    id: 'Warna latar {colour} kurang tepat. Periksa pencahayaan latar dan kain latar.',
    en: 'The {colour} background colour is off. Check the backdrop and its lighting.',
  },
  backgroundUnknownYear: {
    id: 'Tahun lahir belum diisi; warna latar tidak dapat diperiksa.',
    en: 'The birth year is missing; the background colour cannot be checked.',
  },
  red: { id: 'MERAH', en: 'RED' },
  blue: { id: 'BIRU', en: 'BLUE' },
  odd: { id: 'ganjil', en: 'odd' },
  even: { id: 'genap', en: 'even' },
  // Glasses
  glassesPrompt: {
    id: 'Pastikan penduduk tidak memakai kacamata/lensa kontak.',
    en: 'Make sure the resident wears no glasses or contact lenses.',
  },
  // Flow
  attemptsFull: {
    id: 'Sudah 3 percobaan foto. Pilih salah satu foto atau buang semua percobaan untuk mengulang.',
    en: 'There are already 3 photo attempts. Pick one of them or discard them all to start over.',
  },
  attemptNotFound: {
    id: 'Percobaan foto tidak ditemukan. Muat ulang daftar percobaan.',
    en: 'Photo attempt not found. Reload the list of attempts.',
  },
  noGlassesRequired: {
    id: 'Pastikan penduduk tidak memakai kacamata/lensa kontak, lalu centang konfirmasinya.',
    en: 'Make sure the resident wears no glasses or contact lenses, then tick the confirmation.',
  },
  forceReasonRequired: {
    id: 'Ada pemeriksaan yang gagal. Tulis alasan untuk tetap memakai foto ini.',
    en: 'A check failed. Write a reason to use this photo anyway.',
  },
  settingsAspect: {
    id: 'Ukuran foto harus berbanding 3:4 (lebar:tinggi), misalnya 480×640.',
    en: 'The photo size must be 3:4 (width:height), for example 480×640.',
  },
  processFailed: {
    id: 'Foto tidak dapat diproses. Ambil foto lagi; bila berulang, hubungi teknisi.',
    en: 'The photo could not be processed. Take it again; if it keeps happening, call a technician.',
  },
});

export type PhotoMessageKey = keyof typeof MESSAGES;

export const photoMsg = translator(MESSAGES);
