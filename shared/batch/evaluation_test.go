package batch

import (
	"reflect"
	"testing"
)

func TestAggregate(t *testing.T) {
	f := Form{Questions: []Question{
		{ID: "q1", Kind: QuestionScale, Text: "Materi mudah dipahami"},
		{ID: "q2", Kind: QuestionChoice, Text: "Moda", Options: []string{"daring", "luring"}},
		{ID: "q3", Kind: QuestionText, Text: "Saran"},
	}}
	rs := []Response{
		{Answers: map[string]string{"q1": "5", "q2": "daring", "q3": "Tambah praktik"}},
		{Answers: map[string]string{"q1": "4", "q2": "daring"}},
		{Answers: map[string]string{"q1": "2", "q3": "Ruang panas"}},
	}
	got := Aggregate(f, rs)
	if got[0].Answered != 3 || got[0].Mean != 11.0/3 || got[0].Distribution["5"] != 1 || got[0].Distribution["1"] != 0 {
		t.Errorf("scale %+v", got[0])
	}
	if !reflect.DeepEqual(got[1].Distribution, map[string]int{"daring": 2, "luring": 0}) {
		t.Errorf("choice %+v", got[1])
	}
	if !reflect.DeepEqual(got[2].Comments, []string{"Ruang panas", "Tambah praktik"}) {
		t.Errorf("text %+v", got[2])
	}
}

func TestStatusTransitions(t *testing.T) {
	if !CanMove(StatusDraft, StatusOpen) || CanMove(StatusOpen, StatusArchived) || CanMove(StatusArchived, StatusOpen) || !CanMove(StatusFinished, StatusRunning) {
		t.Error("transitions")
	}
}
