package media

// Class is what a file is for a learner: the course item kinds that refer to
// an upload use the same words (shared/course), plus spreadsheet.
type Class string

// Media classes.
const (
	ClassVideo        Class = "video"
	ClassAudio        Class = "audio"
	ClassPDF          Class = "pdf"
	ClassDocument     Class = "document"
	ClassPresentation Class = "presentation"
	ClassSpreadsheet  Class = "spreadsheet"
	ClassImage        Class = "image"
)

// Name returns the class for messages ("video", "PDF").
func (c Class) Name() string {
	if c == ClassPDF {
		return "PDF"
	}
	return string(c)
}

// Kind is the concrete file format found in the bytes.
type Kind string

// Kinds the sniffer recognises.
const (
	KindMP4      Kind = "mp4"
	KindMOV      Kind = "mov"
	KindM4A      Kind = "m4a"
	KindWebM     Kind = "webm"
	KindMatroska Kind = "mkv"
	KindMP3      Kind = "mp3"
	KindAAC      Kind = "aac"
	KindWAV      Kind = "wav"
	KindOgg      Kind = "ogg"
	KindFLAC     Kind = "flac"

	KindPDF  Kind = "pdf"
	KindPNG  Kind = "png"
	KindJPEG Kind = "jpeg"
	KindWebP Kind = "webp"
	KindGIF  Kind = "gif"
	// KindHEIF and KindAVIF are recognised only to refuse them with a
	// precise reason (phone photos): the ffmpeg this pipeline targets
	// cannot decode them.
	KindHEIF Kind = "heif"
	KindAVIF Kind = "avif"

	KindDOCX Kind = "docx"
	KindPPTX Kind = "pptx"
	KindXLSX Kind = "xlsx"
	// KindOOXML is an Office Open XML package whose main part could not be
	// seen (only the first bytes were available).
	KindOOXML Kind = "ooxml"
	KindODT   Kind = "odt"
	KindODP   Kind = "odp"
	KindODS   Kind = "ods"
	KindDOC   Kind = "doc"
	KindPPT   Kind = "ppt"
	KindXLS   Kind = "xls"
	// KindOfficeLegacy is an OLE2 compound file whose streams could not be
	// read (only the first bytes were available).
	KindOfficeLegacy Kind = "office-legacy"
)

type kindInfo struct {
	class Class
	mime  string
	name  string   // short English name used in error messages
	exts  []string // file name extensions that belong to the kind
	// demuxer is the ffmpeg input format forced for the kind. Forcing it
	// keeps ffmpeg from auto-detecting playlist or concat formats in a
	// crafted upload, which would let it read other local files (such as
	// /proc/self/environ) into the outputs.
	demuxer string
	// unsupported kinds are recognised but cannot be processed.
	unsupported bool
}

var kinds = map[Kind]kindInfo{
	KindMP4:      {ClassVideo, "video/mp4", "MP4 video", []string{".mp4", ".m4v"}, "mov", false},
	KindMOV:      {ClassVideo, "video/quicktime", "QuickTime video", []string{".mov", ".qt"}, "mov", false},
	KindM4A:      {ClassAudio, "audio/mp4", "M4A audio", []string{".m4a", ".m4b", ".aac"}, "mov", false},
	KindWebM:     {ClassVideo, "video/webm", "WebM video", []string{".webm"}, "matroska", false},
	KindMatroska: {ClassVideo, "video/x-matroska", "Matroska video", []string{".mkv", ".mka"}, "matroska", false},
	KindMP3:      {ClassAudio, "audio/mpeg", "MP3 audio", []string{".mp3"}, "mp3", false},
	KindAAC:      {ClassAudio, "audio/aac", "AAC audio", []string{".aac"}, "aac", false},
	KindWAV:      {ClassAudio, "audio/wav", "WAV audio", []string{".wav"}, "wav", false},
	KindOgg:      {ClassAudio, "audio/ogg", "Ogg audio", []string{".ogg", ".oga", ".opus", ".ogv"}, "ogg", false},
	KindFLAC:     {ClassAudio, "audio/flac", "FLAC audio", []string{".flac"}, "flac", false},

	KindPDF:  {ClassPDF, "application/pdf", "PDF", []string{".pdf"}, "", false},
	KindPNG:  {ClassImage, "image/png", "PNG image", []string{".png"}, "png_pipe", false},
	KindJPEG: {ClassImage, "image/jpeg", "JPEG image", []string{".jpg", ".jpeg", ".jfif"}, "jpeg_pipe", false},
	KindWebP: {ClassImage, "image/webp", "WebP image", []string{".webp"}, "webp_pipe", false},
	KindGIF:  {ClassImage, "image/gif", "GIF image", []string{".gif"}, "gif", false},
	KindHEIF: {ClassImage, "image/heif", "HEIF image", []string{".heic", ".heif"}, "", true},
	KindAVIF: {ClassImage, "image/avif", "AVIF image", []string{".avif"}, "", true},

	KindDOCX:         {ClassDocument, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document (DOCX)", []string{".docx", ".docm", ".dotx"}, "", false},
	KindPPTX:         {ClassPresentation, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint presentation (PPTX)", []string{".pptx", ".pptm", ".ppsx", ".potx"}, "", false},
	KindXLSX:         {ClassSpreadsheet, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet (XLSX)", []string{".xlsx", ".xlsm", ".xltx"}, "", false},
	KindOOXML:        {ClassDocument, "application/octet-stream", "Office document", []string{".docx", ".pptx", ".xlsx", ".docm", ".pptm", ".xlsm", ".ppsx"}, "", false},
	KindODT:          {ClassDocument, "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)", []string{".odt"}, "", false},
	KindODP:          {ClassPresentation, "application/vnd.oasis.opendocument.presentation", "OpenDocument presentation (ODP)", []string{".odp"}, "", false},
	KindODS:          {ClassSpreadsheet, "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet (ODS)", []string{".ods"}, "", false},
	KindDOC:          {ClassDocument, "application/msword", "Word 97-2003 document (DOC)", []string{".doc", ".dot"}, "", false},
	KindPPT:          {ClassPresentation, "application/vnd.ms-powerpoint", "PowerPoint 97-2003 presentation (PPT)", []string{".ppt", ".pps", ".pot"}, "", false},
	KindXLS:          {ClassSpreadsheet, "application/vnd.ms-excel", "Excel 97-2003 spreadsheet (XLS)", []string{".xls", ".xlt"}, "", false},
	KindOfficeLegacy: {ClassDocument, "application/octet-stream", "Office 97-2003 document", []string{".doc", ".ppt", ".xls", ".dot", ".pps", ".xlt"}, "", false},
}

// Class returns the kind's media class before any probing ("" if unknown).
func (k Kind) Class() Class { return kinds[k].class }

// MIME returns the kind's content type.
func (k Kind) MIME() string {
	if i, ok := kinds[k]; ok {
		return i.mime
	}
	return "application/octet-stream"
}

// Name returns a short English name for messages ("PDF", "MP4 video").
func (k Kind) Name() string {
	if i, ok := kinds[k]; ok {
		return i.name
	}
	return string(k)
}

// Ext returns the usual file name extension, with its dot.
func (k Kind) Ext() string {
	if i, ok := kinds[k]; ok && len(i.exts) > 0 {
		return i.exts[0]
	}
	return ""
}

// Supported reports whether the pipeline can process the kind.
func (k Kind) Supported() bool {
	i, ok := kinds[k]
	return ok && !i.unsupported
}

// ambiguousOffice reports kinds whose class could not be pinned down from
// the bytes available; they fit any office purpose.
func (k Kind) ambiguousOffice() bool { return k == KindOOXML || k == KindOfficeLegacy }

// mayHoldAudioOnly reports containers that the bytes call video but that a
// probe may find to carry audio only (a voice recording saved as .mp4).
func (k Kind) mayHoldAudioOnly() bool {
	switch k {
	case KindMP4, KindMOV, KindWebM, KindMatroska:
		return true
	}
	return false
}

// Detected is the outcome of sniffing, possibly refined by a probe.
type Detected struct {
	Kind  Kind   `json:"kind"`
	Class Class  `json:"class"`
	MIME  string `json:"mime"`
	// Probed is true once Refine has looked at the streams: before that an
	// MP4 or WebM is assumed to be video even if it holds only audio.
	Probed bool `json:"probed,omitempty"`
}

func detected(k Kind) Detected { return Detected{Kind: k, Class: k.Class(), MIME: k.MIME()} }

// Refine corrects the class from what the streams hold: an MP4, MOV, WebM
// or Matroska without a video stream is audio, an Ogg with one is video.
func (d Detected) Refine(p *ProbeResult) Detected {
	if p == nil {
		return d
	}
	d.Probed = true
	switch {
	case d.Class == ClassVideo && !p.HasVideo && p.HasAudio:
		d.Class = ClassAudio
		switch d.Kind {
		case KindMP4, KindMOV:
			d.Kind, d.MIME = KindM4A, KindM4A.MIME()
		case KindWebM:
			d.MIME = "audio/webm"
		case KindMatroska:
			d.MIME = "audio/x-matroska"
		}
	case d.Class == ClassAudio && p.HasVideo:
		d.Class = ClassVideo
		switch d.Kind {
		case KindOgg:
			d.MIME = "video/ogg"
		case KindM4A:
			d.Kind, d.MIME = KindMP4, KindMP4.MIME()
		}
	}
	return d
}
