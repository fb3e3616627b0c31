package localstack

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ConfirmationCode is the local mailbox: the last code cognito-local
// "sent" to a user (forgot password), read from where cognito-local keeps
// it, on the user's record in its database file. Cognito emails it in the
// cloud; make dev also prints it.
func (s *Stack) ConfirmationCode(poolID, username string) (string, error) {
	b, err := os.ReadFile(filepath.Join(s.dataDir, "cognito", ".cognito", "db", poolID+".json"))
	if err != nil {
		return "", fmt.Errorf("localstack: user pool database: %w", err)
	}
	var db struct {
		Users map[string]struct {
			Username         string
			ConfirmationCode string
		}
	}
	if err := json.Unmarshal(b, &db); err != nil {
		return "", fmt.Errorf("localstack: user pool database: %w", err)
	}
	for key, u := range db.Users {
		if strings.EqualFold(key, username) || strings.EqualFold(u.Username, username) {
			if u.ConfirmationCode == "" {
				return "", errors.New("localstack: no code was sent to " + username)
			}
			return u.ConfirmationCode, nil
		}
	}
	return "", errors.New("localstack: no such user " + username)
}
